import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import SignInPage from "../routes/sign-in";
import SignUpPage from "../routes/sign-up";
import { renderWithAuth } from "../testing/render-with-auth";

describe("/sign-in (the sign-in endpoint)", () => {
  test("calls signIn exactly once under StrictMode, forwarding the query parameters", () => {
    const { auth } = renderWithAuth(<SignInPage />, {
      route: "/sign-in?login_hint=alice%40example.com&organization_id=org_acme&returnTo=%2Fapp%2Faccount&invitation_token=inv_1",
      strict: true,
    });
    expect(auth.signIn).toHaveBeenCalledExactlyOnceWith({
      loginHint: "alice@example.com",
      organizationId: "org_acme",
      invitationToken: "inv_1",
      state: { returnTo: "/app/account" },
    });
    expect(auth.signUp).not.toHaveBeenCalled();
    expect(screen.getByRole("status")).toHaveTextContent("Taking you to sign in…");
  });

  test("without parameters it signs in to the default page", () => {
    const { auth } = renderWithAuth(<SignInPage />, { route: "/sign-in", strict: true });
    expect(auth.signIn).toHaveBeenCalledExactlyOnceWith({
      loginHint: undefined,
      organizationId: undefined,
      invitationToken: undefined,
      state: { returnTo: "/app" },
    });
  });

  test("a hostile returnTo is replaced by the default", () => {
    const { auth } = renderWithAuth(<SignInPage />, { route: "/sign-in?returnTo=%2F%2Fevil.example%2Fphish" });
    expect(auth.signIn).toHaveBeenCalledWith(expect.objectContaining({ state: { returnTo: "/app" } }));
  });

  test("waits for AuthKit to be ready (before that, signIn does nothing)", () => {
    const result = renderWithAuth(<SignInPage />, { loading: true, route: "/sign-in", strict: true });
    expect(result.auth.signIn).not.toHaveBeenCalled();
    result.update({ loading: false });
    expect(result.auth.signIn).toHaveBeenCalledTimes(1);
  });

  test("when sign-in cannot start, shows why and retries on request", async () => {
    const signIn = vi.fn().mockRejectedValueOnce(new Error("Network down")).mockResolvedValueOnce(undefined);
    renderWithAuth(<SignInPage />, { route: "/sign-in", authKit: { signIn } });
    expect(await screen.findByRole("alert")).toHaveTextContent("Network down");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(signIn).toHaveBeenCalledTimes(2);
  });
});

describe("/sign-up", () => {
  test("calls signUp exactly once under StrictMode, with the same forwarding", () => {
    const { auth } = renderWithAuth(<SignUpPage />, { route: "/sign-up?login_hint=new%40example.com", strict: true });
    expect(auth.signUp).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ loginHint: "new@example.com", state: { returnTo: "/app" } }),
    );
    expect(auth.signIn).not.toHaveBeenCalled();
  });
});
