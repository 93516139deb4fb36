import { screen } from "@testing-library/react";
import { ConvexError } from "convex/values";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { meAnswer } from "../testing/fixtures";
import { fakeQuery, renderWithAuth, testUser } from "../testing/render-with-auth";
import AppLayout from "./app-layout";

const me = fakeQuery(api.users.me, () => meAnswer());

describe("signed-in layout", () => {
  test("has a Sign out button that ends the session through WorkOS and returns to /", async () => {
    const { auth } = renderWithAuth(<AppLayout />, { user: testUser(), queries: [me], route: "/app" });
    await userEvent.click(screen.getByRole("button", { name: "Sign out" }));
    expect(auth.signOut).toHaveBeenCalledExactlyOnceWith({ returnTo: `${window.location.origin}/` });
  });

  test("stores the user in Convex once Convex has confirmed the token", () => {
    const result = renderWithAuth(<AppLayout />, {
      user: testUser({ email: "alice@example.com", firstName: "Alice", lastName: "Anderson" }),
      queries: [me],
    });
    expect(result.mutation(api.users.store)).toHaveBeenCalledWith({ email: "alice@example.com", name: "Alice Anderson" });
  });

  test("does not store anything before Convex has confirmed", () => {
    const result = renderWithAuth(<AppLayout />, {
      user: testUser(),
      convexAuth: { isLoading: true, isAuthenticated: false },
    });
    expect(result.mutation(api.users.store)).not.toHaveBeenCalled();
  });

  test("a refused profile is explained in the server's words", async () => {
    const result = renderWithAuth(<AppLayout />, { user: testUser(), queries: [me] });
    result
      .mutation(api.users.store)
      .mockRejectedValue(new ConvexError({ code: "INVALID_ARGUMENT", message: "The name is too long (400 characters, at most 320)." }));
    result.update({ user: testUser({ firstName: "A".repeat(400) }) });
    expect(
      await screen.findByText("Could not save your profile: The name is too long (400 characters, at most 320)."),
    ).toBeVisible();
  });

  test("tells the user when the session is being re-established", () => {
    renderWithAuth(<AppLayout />, { user: testUser(), queries: [me], sessionStatus: "reconnecting" });
    expect(screen.getByText(/Having trouble reaching WorkOS/)).toBeVisible();
  });

  test("shows the organization and role, and switches organization", async () => {
    const { auth } = renderWithAuth(<AppLayout />, {
      user: testUser(),
      organizationId: "org_acme",
      role: "admin",
      queries: [me],
    });
    const select = screen.getByLabelText("Organization");
    expect(select).toHaveValue("org_acme");
    expect(screen.getByLabelText("Role: admin")).toBeVisible();
    await userEvent.selectOptions(select, "org_globex");
    expect(auth.switchToOrganization).toHaveBeenCalledExactlyOnceWith({ organizationId: "org_globex" });
  });

  test("a user without organizations sees that, not a picker", () => {
    renderWithAuth(<AppLayout />, {
      user: testUser(),
      queries: [fakeQuery(api.users.me, () => meAnswer({ orgId: null, role: null }, { organizationIds: [] }))],
    });
    expect(screen.getByText("No organization")).toBeVisible();
    expect(screen.queryByLabelText("Organization")).not.toBeInTheDocument();
  });
});
