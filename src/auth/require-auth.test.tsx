import { screen } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { renderWithAuth, testUser } from "../testing/render-with-auth";
import { RequireAuth } from "./require-auth";

const secret = <p>Signed-in content</p>;

describe("RequireAuth (the route guard)", () => {
  test("while AuthKit restores the session: a loading state, no sign-in, no signed-out UI", () => {
    const { auth } = renderWithAuth(<RequireAuth>{secret}</RequireAuth>, { loading: true, route: "/app" });
    expect(screen.getByRole("status")).toHaveTextContent("Checking your session…");
    expect(screen.queryByText("Signed-in content")).not.toBeInTheDocument();
    expect(auth.signIn).not.toHaveBeenCalled();
  });

  test("while Convex has not confirmed the token yet: still loading", () => {
    const { auth } = renderWithAuth(<RequireAuth>{secret}</RequireAuth>, {
      user: testUser(),
      convexAuth: { isLoading: true, isAuthenticated: false },
    });
    expect(screen.getByText("Checking your session…")).toBeVisible();
    expect(screen.queryByText("Signed-in content")).not.toBeInTheDocument();
    expect(auth.signIn).not.toHaveBeenCalled();
  });

  test("signed out: starts sign-in once, with returnTo = the page asked for (also under StrictMode)", () => {
    const { auth } = renderWithAuth(<RequireAuth>{secret}</RequireAuth>, {
      route: "/app/account?tab=session#expiry",
      strict: true,
    });
    expect(screen.getByText("Taking you to sign in…")).toBeVisible();
    expect(auth.signIn).toHaveBeenCalledExactlyOnceWith({ state: { returnTo: "/app/account?tab=session#expiry" } });
    expect(screen.queryByText("Signed-in content")).not.toBeInTheDocument();
  });

  test("signed in and confirmed by Convex: renders the page", () => {
    const { auth } = renderWithAuth(<RequireAuth>{secret}</RequireAuth>, { user: testUser() });
    expect(screen.getByText("Signed-in content")).toBeVisible();
    expect(auth.signIn).not.toHaveBeenCalled();
  });

  test("goes from loading to the page without ever asking to sign in", () => {
    const result = renderWithAuth(<RequireAuth>{secret}</RequireAuth>, { loading: true, strict: true });
    result.update({ loading: false, user: testUser(), convexAuth: { isLoading: true, isAuthenticated: false } });
    result.update({ loading: false, user: testUser(), convexAuth: { isLoading: false, isAuthenticated: true } });
    expect(screen.getByText("Signed-in content")).toBeVisible();
    expect(result.auth.signIn).not.toHaveBeenCalled();
  });

  test("renders only on Convex's word, not AuthKit's: a rejected token explains instead of looping", () => {
    const { auth } = renderWithAuth(<RequireAuth>{secret}</RequireAuth>, {
      user: testUser(),
      convexAuth: { isLoading: false, isAuthenticated: false },
    });
    expect(screen.getByRole("alert")).toHaveTextContent("Convex did not accept your sign-in");
    expect(screen.getByText("WORKOS_CLIENT_ID", { selector: "code" })).toBeVisible();
    // The doctor checks every item of that list, and the token, for the developer.
    expect(screen.getByText("npm run doctor", { selector: "code" })).toBeVisible();
    expect(screen.queryByText("Signed-in content")).not.toBeInTheDocument();
    expect(auth.signIn).not.toHaveBeenCalled();
  });

  test("a session WorkOS ended (LoginRequiredError) sends the user to sign in again", () => {
    const { auth } = renderWithAuth(<RequireAuth>{secret}</RequireAuth>, {
      user: testUser(),
      convexAuth: { isLoading: false, isAuthenticated: false },
      sessionStatus: "ended",
      route: "/app",
    });
    expect(auth.signIn).toHaveBeenCalledExactlyOnceWith({ state: { returnTo: "/app" } });
  });

  test("if sign-in cannot start, says so with a way to retry", async () => {
    renderWithAuth(<RequireAuth>{secret}</RequireAuth>, {
      route: "/app/account",
      authKit: { signIn: async () => Promise.reject(new Error("crypto.subtle is unavailable")) },
    });
    expect(await screen.findByText("crypto.subtle is unavailable")).toBeVisible();
    expect(screen.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/sign-in?returnTo=%2Fapp%2Faccount");
  });
});
