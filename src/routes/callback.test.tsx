import { screen } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { rememberCallbackArrival, type CallbackArrival } from "../auth/callback-arrival";
import { renderWithAuth, testUser } from "../testing/render-with-auth";
import CallbackPage from "./callback";

function arrive(overrides: Partial<CallbackArrival>) {
  rememberCallbackArrival({ hasCode: true, hadVerifier: true, error: null, errorDescription: null, state: null, ...overrides });
}

describe("/callback", () => {
  test("while AuthKit exchanges the code: the signed-in page's shell with placeholders, and the one loading message", () => {
    arrive({});
    renderWithAuth(<CallbackPage />, { loading: true, route: "/callback" });
    expect(screen.getByRole("banner")).toBeVisible();
    expect(screen.getByRole("main")).toHaveAttribute("aria-busy", "true");
    expect(screen.getByRole("status")).toHaveTextContent(/^Loading…$/);
  });

  test("after a successful exchange, waits for onRedirectCallback's navigation (no second redirect)", () => {
    arrive({});
    const { location } = renderWithAuth(<CallbackPage />, { user: testUser(), route: "/callback" });
    expect(screen.getByRole("main")).toHaveAttribute("aria-busy", "true");
    expect(screen.getByRole("status")).toHaveTextContent(/^Loading…$/);
    expect(location().pathname).toBe("/callback");
  });

  test("a refused code (expired, reused: invalid_grant) explains and offers Try again", () => {
    arrive({ state: JSON.stringify({ returnTo: "/app/account" }) });
    renderWithAuth(<CallbackPage />, { route: "/callback" });
    expect(screen.getByRole("alert")).toHaveTextContent("We couldn't finish signing you in");
    expect(screen.getByText(/expired or been used already/)).toBeVisible();
    expect(screen.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/sign-in?returnTo=%2Fapp%2Faccount");
  });

  test("a code without this tab's PKCE verifier says the sign-in started elsewhere", () => {
    arrive({ hadVerifier: false });
    renderWithAuth(<CallbackPage />, { route: "/callback" });
    expect(screen.getByRole("alert")).toHaveTextContent("This sign-in can't be finished here");
    expect(screen.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/sign-in");
  });

  test("an error WorkOS sends instead of a code reads as a sentence, keeps WorkOS's words, and offers Try again", () => {
    arrive({ hasCode: false, error: "access_denied", errorDescription: "The user cancelled." });
    renderWithAuth(<CallbackPage />, { route: "/callback" });
    expect(screen.getByRole("alert")).toHaveTextContent("Sign-in was cancelled");
    expect(screen.getByRole("alert")).toHaveTextContent("WorkOS said access_denied: The user cancelled.");
    expect(screen.getByRole("link", { name: "Try again" })).toBeVisible();
  });

  test("an organization without an active SSO connection: says so, offers the normal sign-in and names the IT admin", () => {
    arrive({
      hasCode: false,
      error: "organization_invalid",
      errorDescription: "No active SSO connection is associated with organization org_x.",
      state: JSON.stringify({ returnTo: "/app/account", via: "sso" }),
    });
    const { auth } = renderWithAuth(<CallbackPage />, { route: "/callback" });
    expect(screen.getByRole("alert")).toHaveTextContent("Your organization can't sign you in with SSO");
    expect(screen.getByRole("alert")).toHaveTextContent("ask your IT admin");
    expect(screen.getByRole("link", { name: "Use your normal sign-in" })).toHaveAttribute("href", "/sign-in?returnTo=%2Fapp%2Faccount");
    // The sign-in started at /sign-in/sso, so trying again goes back there.
    expect(screen.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/sign-in/sso?returnTo=%2Fapp%2Faccount");
    expect(auth.signIn).not.toHaveBeenCalled();
  });

  test("an inactive connection (connection_invalid) also points to the normal sign-in", () => {
    arrive({ hasCode: false, error: "connection_invalid" });
    renderWithAuth(<CallbackPage />, { route: "/callback" });
    expect(screen.getByRole("alert")).toHaveTextContent("This SSO connection is not active");
    expect(screen.getByRole("link", { name: "Use your normal sign-in" })).toHaveAttribute("href", "/sign-in");
  });

  test("an identity outside the organization's domains: explains and offers SSO again with the work email", () => {
    arrive({ hasCode: false, error: "profile_not_allowed_outside_organization", errorDescription: "x@gmail.test is outside." });
    renderWithAuth(<CallbackPage />, { route: "/callback" });
    expect(screen.getByRole("alert")).toHaveTextContent("That account doesn't belong to this organization");
    expect(screen.getByRole("link", { name: "Sign in with SSO" })).toHaveAttribute("href", "/sign-in/sso");
    expect(screen.getByRole("link", { name: "Use your normal sign-in" })).toHaveAttribute("href", "/sign-in");
  });

  test("an error code the app does not know is shown as WorkOS sent it", () => {
    arrive({ hasCode: false, error: "something_new", errorDescription: "Details." });
    renderWithAuth(<CallbackPage />, { route: "/callback" });
    expect(screen.getByRole("alert")).toHaveTextContent("Sign-in was not completed");
    expect(screen.getByRole("alert")).toHaveTextContent("WorkOS said something_new: Details.");
  });

  test("a hostile returnTo in state does not reach the Try again link", () => {
    arrive({ state: JSON.stringify({ returnTo: "https://evil.example" }) });
    renderWithAuth(<CallbackPage />, { route: "/callback" });
    expect(screen.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/sign-in");
  });

  test("opened directly without a code while signed out: explains, no loop", () => {
    arrive({ hasCode: false, hadVerifier: false });
    const { auth } = renderWithAuth(<CallbackPage />, { route: "/callback" });
    expect(screen.getByRole("alert")).toHaveTextContent("Nothing to finish here");
    expect(auth.signIn).not.toHaveBeenCalled();
  });

  test("opened directly while signed in: goes to the signed-in home", () => {
    arrive({ hasCode: false, hadVerifier: false });
    const { location } = renderWithAuth(<CallbackPage />, { user: testUser(), route: "/callback" });
    expect(location().pathname).toBe("/app");
  });
});
