import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { acme as ACME } from "../testing/fixtures";
import { fakeAction, renderWithAuth, testUser } from "../testing/render-with-auth";
import InvitePage from "./invite";

const expiresAt = Date.UTC(2026, 0, 8, 12);
const invitation = (status: "pending" | "expired" | "revoked" | "accepted") =>
  fakeAction(api.invitations.lookup, async () => ({ status, email: "dana@example.com", organizationId: ACME.id, organizationName: ACME.name, expiresAt }));
const at = (token = "tok_123") => `/invite?invitation_token=${token}`;

describe("/invite", () => {
  test("while Convex looks the token up: one loading message", () => {
    const result = renderWithAuth(<InvitePage />, { route: at(), actions: [fakeAction(api.invitations.lookup, () => new Promise(() => {}))] });
    expect(screen.getByRole("status")).toHaveTextContent("Opening your invitation…");
    expect(result.action(api.invitations.lookup)).toHaveBeenCalledExactlyOnceWith({ token: "tok_123" });
  });

  test("a pending invitation says who invited whom; Accept starts sign-up with the token and the invited email", async () => {
    const { auth } = renderWithAuth(<InvitePage />, { route: at(), actions: [invitation("pending")] });
    expect(await screen.findByRole("heading", { name: "Join Acme Corp" })).toBeVisible();
    expect(screen.getByText(/invited/)).toHaveTextContent("Acme Corp invited dana@example.com to join it.");
    await userEvent.click(screen.getByRole("button", { name: "Accept invitation" }));
    const options = { invitationToken: "tok_123", loginHint: "dana@example.com", state: { returnTo: "/app" } };
    expect(auth.signUp).toHaveBeenCalledExactlyOnceWith(options);
    await userEvent.click(screen.getByRole("button", { name: "I already have an account" }));
    expect(auth.signIn).toHaveBeenCalledExactlyOnceWith(options);
  });

  test("signed in as someone else: says that accepting switches account", async () => {
    renderWithAuth(<InvitePage />, { route: at(), user: testUser(), actions: [invitation("pending")] });
    expect(await screen.findByText(/Accepting signs you in as dana@example.com instead/)).toBeVisible();
  });

  test.each([
    ["expired", "This invitation has expired", /Ask an admin of Acme Corp to invite dana@example.com again/],
    ["revoked", "This invitation was revoked", /Acme Corp withdrew it/],
  ] as const)("an %s invitation says what happened and what to do, with no Accept", async (status, title, what) => {
    renderWithAuth(<InvitePage />, { route: at(), actions: [invitation(status)] });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(title);
    expect(alert).toHaveTextContent(what);
    expect(screen.queryByRole("button", { name: "Accept invitation" })).not.toBeInTheDocument();
  });

  test("an accepted invitation offers sign-in to its organization instead", async () => {
    const { auth } = renderWithAuth(<InvitePage />, { route: at(), actions: [invitation("accepted")] });
    expect(await screen.findByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(auth.signIn).toHaveBeenCalledExactlyOnceWith({ loginHint: "dana@example.com", organizationId: ACME.id, state: { returnTo: "/app" } });
  });

  test("an unknown token and a link without one are explained, never a blank page", async () => {
    const result = renderWithAuth(<InvitePage />, { route: at("nope"), actions: [fakeAction(api.invitations.lookup, async () => ({ status: "unknown" as const }))] });
    expect(await screen.findByRole("alert")).toHaveTextContent("This invitation link is not valid");
    result.unmount();
    renderWithAuth(<InvitePage />, { route: "/invite" });
    expect(screen.getByRole("alert")).toHaveTextContent("This link has no invitation in it");
  });

  test("a failed lookup is a sentence with Try again, which asks again", async () => {
    let calls = 0;
    const result = renderWithAuth(<InvitePage />, {
      route: at(),
      actions: [
        fakeAction(api.invitations.lookup, async () => {
          calls += 1;
          if (calls === 1) throw new TypeError("Failed to fetch");
          return { status: "pending" as const, email: "dana@example.com", organizationId: ACME.id, organizationName: ACME.name, expiresAt };
        }),
      ],
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong (Failed to fetch). Check your connection and try again.");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { name: "Join Acme Corp" })).toBeVisible();
    expect(result.action(api.invitations.lookup)).toHaveBeenCalledTimes(2);
  });
});
