import { screen } from "@testing-library/react";
import { ConvexError } from "convex/values";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { meAnswer } from "../testing/fixtures";
import { fakeQuery, renderWithAuth, testUser } from "../testing/render-with-auth";
import AppLayout from "./app-layout";
import AppHomePage from "./app-home";

const me = fakeQuery(api.users.me, () => meAnswer({ organizations: [{ id: "org_acme", name: "Acme Corp" }, { id: "org_globex", name: "Globex" }] }));

/** The layout with the home page in its outlet, as the router mounts them. */
const layoutWithHome = (
  <Routes>
    <Route path="/app" element={<AppLayout />}>
      <Route index element={<AppHomePage />} />
    </Route>
  </Routes>
);

const earlierMessages = /Checking your session|Signed in\. Opening|Loading your|Setting up your account/;

describe("signed-in layout", () => {
  test("while Convex confirms the session: the header and placeholders at once, one loading message", () => {
    renderWithAuth(layoutWithHome, {
      user: testUser(),
      organizationId: "org_acme",
      convexAuth: { isLoading: true, isAuthenticated: false },
      route: "/app",
    });
    expect(screen.getByRole("banner")).toHaveTextContent("Notes");
    expect(screen.getByRole("main")).toHaveAttribute("aria-busy", "true");
    expect(screen.getAllByRole("status").map((s) => s.textContent)).toEqual(["Loading…"]);
    expect(screen.queryByText(earlierMessages)).not.toBeInTheDocument();
    expect(screen.queryByText(/org_/)).not.toBeInTheDocument();
  });

  test("once confirmed, while the data comes: the page's headings, placeholders, one loading message, no organization id", () => {
    renderWithAuth(layoutWithHome, { user: testUser(), organizationId: "org_acme", role: "admin", route: "/app" });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(/^Welcome/);
    expect(screen.getByRole("heading", { name: "Your notes" })).toBeVisible();
    expect(screen.getByRole("list", { name: "Notes" })).toHaveAttribute("aria-busy", "true");
    expect(screen.getAllByRole("status").map((s) => s.textContent)).toEqual(["Loading…"]);
    expect(screen.queryByText(earlierMessages)).not.toBeInTheDocument();
    expect(screen.queryByText(/org_/)).not.toBeInTheDocument();
  });

  test("the header has the app's name and a user menu with Sign out, which ends the session through WorkOS and returns to /", async () => {
    const { auth } = renderWithAuth(<AppLayout />, { user: testUser(), queries: [me], route: "/app" });
    expect(screen.getByRole("link", { name: "Notes" })).toHaveAttribute("href", "/app");
    expect(screen.getByRole("contentinfo")).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "User menu" }));
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
