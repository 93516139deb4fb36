import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ConvexError } from "convex/values";
import { describe, expect, test, vi } from "vitest";
import { api } from "../../../convex/_generated/api";
import { fakeAction, renderWithAuth } from "../../testing/render-with-auth";
import SsoSignInPage from "../../routes/sso-sign-in";

async function submit(email: string) {
  await userEvent.type(screen.getByLabelText("Work email"), email);
  await userEvent.click(screen.getByRole("button", { name: "Continue" }));
}

describe("/sign-in/sso", () => {
  test("a domain with SSO: signs in to its organization with the email as the hint (straight to its identity provider)", async () => {
    const lookup = fakeAction(api.sso.lookup, async () => ({ sso: true as const, organizationId: "org_acme" }));
    const { auth, action } = renderWithAuth(<SsoSignInPage />, { route: "/sign-in/sso?returnTo=%2Fapp%2Faccount", actions: [lookup] });
    expect(screen.getByRole("heading", { level: 1, name: "Sign in with SSO" })).toBeVisible();
    await submit("pat@acme.test");
    expect(action(api.sso.lookup)).toHaveBeenCalledWith({ email: "pat@acme.test" });
    expect(auth.signIn).toHaveBeenCalledWith({
      organizationId: "org_acme",
      loginHint: "pat@acme.test",
      state: { returnTo: "/app/account", via: "sso" },
    });
    expect(screen.getByRole("button", { name: "Taking you to your identity provider…" })).toBeDisabled();
  });

  test("a domain without SSO says so and offers the normal sign-in with the email filled in; no sign-in starts", async () => {
    const { auth } = renderWithAuth(<SsoSignInPage />, {
      route: "/sign-in/sso",
      actions: [fakeAction(api.sso.lookup, async () => ({ sso: false as const }))],
    });
    await submit("kim@example.org");
    expect(await screen.findByRole("status")).toHaveTextContent("example.org does not sign in with SSO here");
    expect(screen.getByRole("link", { name: "Use the normal sign-in" })).toHaveAttribute(
      "href",
      "/sign-in?login_hint=kim%40example.org&returnTo=%2Fapp",
    );
    expect(auth.signIn).not.toHaveBeenCalled();
  });

  test("a failed lookup says so and the form stays to try again, which works", async () => {
    const lookup = vi
      .fn()
      .mockRejectedValueOnce(new ConvexError({ code: "WORKOS_ERROR", message: "We couldn't check whether your email uses SSO just now. Try again in a moment." }))
      .mockResolvedValueOnce({ sso: true, organizationId: "org_acme" });
    const { auth } = renderWithAuth(<SsoSignInPage />, { route: "/sign-in/sso", actions: [fakeAction(api.sso.lookup, lookup)] });
    await submit("pat@acme.test");
    expect(await screen.findByRole("alert")).toHaveTextContent("We couldn't check whether your email uses SSO just now. Try again in a moment.");
    expect(screen.getByLabelText("Work email")).toHaveAttribute("aria-invalid", "true");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(auth.signIn).toHaveBeenCalledWith(expect.objectContaining({ organizationId: "org_acme" }));
  });

  test("the rate limit's sentence is shown as Convex wrote it", async () => {
    const message = "Too many SSO lookups just now. Wait 42 seconds and try again.";
    renderWithAuth(<SsoSignInPage />, {
      route: "/sign-in/sso",
      actions: [fakeAction(api.sso.lookup, async () => Promise.reject(new ConvexError({ code: "RATE_LIMITED", message })))],
    });
    await submit("pat@acme.test");
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.getByRole("button", { name: "Continue" })).toBeEnabled();
  });

  test("while Convex checks, the button says so and cannot be pressed twice", async () => {
    renderWithAuth(<SsoSignInPage />, {
      route: "/sign-in/sso",
      actions: [fakeAction(api.sso.lookup, () => new Promise(() => {}))],
    });
    await submit("pat@acme.test");
    expect(screen.getByRole("button", { name: "Checking…" })).toBeDisabled();
  });

  test("offers the other ways in", () => {
    renderWithAuth(<SsoSignInPage />, { route: "/sign-in/sso" });
    expect(screen.getByRole("link", { name: "Sign in another way" })).toHaveAttribute("href", "/sign-in");
  });
});
