import { screen, within } from "@testing-library/react";
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

  test("inside an organization a nav links Home and Members, the current page marked", () => {
    renderWithAuth(layoutWithHome, { user: testUser(), organizationId: "org_acme", role: "admin", queries: [me], route: "/app" });
    const nav = screen.getByRole("navigation", { name: "Organization pages" });
    expect(within(nav).getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("link", { name: "Members" })).toHaveAttribute("href", "/app/members");
  });

  test("a member removed from the organization sees a page saying so, live, instead of its data", async () => {
    const removed = "You are no longer a member of Acme Corp. Switch to another organization, or ask one of its admins to invite you again.";
    const result = renderWithAuth(layoutWithHome, { user: testUser(), organizationId: "org_acme", role: "member", queries: [me], route: "/app" });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(/^Welcome/);
    result.update({
      user: testUser(),
      organizationId: "org_acme",
      role: "member",
      queries: [fakeQuery(api.users.me, () => meAnswer({ role: null, permissions: [], accessProblem: removed }))],
    });
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("You no longer have access to this organization");
    expect(alert).toHaveTextContent(removed);
    expect(screen.queryByRole("heading", { name: "Your notes" })).not.toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Organization pages" })).not.toBeInTheDocument();
    await userEvent.click(within(alert).getByRole("button", { name: "Choose another organization" }));
    expect(result.auth.signIn).toHaveBeenCalledExactlyOnceWith({ loginHint: testUser().email, state: { returnTo: "/app" } });
  });

  test("when Convex's role is not the token's, the session is refreshed once so the token catches up", () => {
    const result = renderWithAuth(<AppLayout />, { user: testUser(), organizationId: "org_acme", role: "member", queries: [me] });
    // meAnswer is Alice as admin: the mirror says admin, the token says member.
    expect(result.auth.getAccessToken).toHaveBeenCalledWith({ forceRefresh: true });
    const refreshes = () => result.auth.getAccessToken.mock.calls.filter(([options]) => options?.forceRefresh === true).length;
    expect(refreshes()).toBe(1);
    result.update({ user: testUser(), organizationId: "org_acme", role: "member", queries: [me] });
    expect(refreshes()).toBe(1);
    // Once the token carries the new role, nothing more is asked.
    result.update({ user: testUser(), organizationId: "org_acme", role: "admin", queries: [me] });
    expect(refreshes()).toBe(1);
  });

  test("no refresh while the roles agree, nor for someone who is no longer a member", () => {
    const result = renderWithAuth(<AppLayout />, { user: testUser(), organizationId: "org_acme", role: "admin", queries: [me] });
    result.update({
      user: testUser(),
      organizationId: "org_acme",
      role: "admin",
      queries: [fakeQuery(api.users.me, () => meAnswer({ role: null, permissions: [], accessProblem: "You are no longer a member of Acme Corp." }))],
    });
    expect(result.auth.getAccessToken.mock.calls.some(([options]) => options?.forceRefresh === true)).toBe(false);
  });
});
