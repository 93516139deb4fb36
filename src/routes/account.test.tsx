import { act, screen, within } from "@testing-library/react";
import { describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import { meAnswer } from "../testing/fixtures";
import { NAME_GRACE_MS } from "../features/organizations/organization-name";
import { fakeAction, fakeQuery, renderWithAuth, testAccessToken, testUser } from "../testing/render-with-auth";

const acme = [{ id: "org_acme", name: "Acme Corp" }];
import AccountPage from "./account";

function facts(sectionName: string) {
  const section = screen.getByRole("region", { name: sectionName });
  const terms = within(section).getAllByRole("term");
  return Object.fromEntries(terms.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
}

describe("/app/account", () => {
  test("shows the profile, the session's organization, role, permissions, method and expiry, and Convex's view", async () => {
    const exp = Math.floor(Date.UTC(2030, 0, 2, 3, 4, 5) / 1000);
    renderWithAuth(<AccountPage />, {
      user: testUser({ email: "alice@example.com", firstName: "Alice", lastName: "Anderson" }),
      organizationId: "org_acme",
      role: "admin",
      permissions: ["notes:read", "notes:write"],
      authenticationMethod: "Password",
      authKit: { getAccessToken: async () => testAccessToken({ exp }) },
      queries: [fakeQuery(api.users.me, () => meAnswer({ orgId: "org_acme", role: "admin", organizations: acme }))],
    });

    expect(facts("Profile")).toMatchObject({ Email: "alice@example.com (verified)", Name: "Alice Anderson" });
    expect(facts("Session")).toMatchObject({
      Organization: "Acme Corp",
      Role: "admin",
      Permissions: "notes:read, notes:write",
      "Authentication method": "Password",
    });
    expect(await screen.findByText(/2030.*\(renewed automatically\)/)).toBeVisible();
    expect(facts("What Convex verified")).toMatchObject({ Organization: "Acme Corp", Role: "admin" });
  });

  test("a session from SSO says so and names the organization's SSO connection", async () => {
    const { action } = renderWithAuth(<AccountPage />, {
      user: testUser(),
      organizationId: "org_acme",
      authenticationMethod: "SSO",
      queries: [fakeQuery(api.users.me, () => meAnswer({ orgId: "org_acme", organizations: acme }))],
      actions: [fakeAction(api.sso.sessionConnection, async () => ({ id: "conn_acme", name: "Acme Corp Okta", type: "OktaSAML" }))],
    });
    expect(facts("Session")).toMatchObject({ "Authentication method": "SSO (single sign-on)" });
    expect(await screen.findByText("Acme Corp Okta")).toBeVisible();
    expect(facts("Session")).toMatchObject({ "SSO connection": "Acme Corp Okta (OktaSAML)" });
    expect(action(api.sso.sessionConnection)).toHaveBeenCalledTimes(1);
  });

  test("a session not from SSO asks nothing about connections", () => {
    const { action } = renderWithAuth(<AccountPage />, { user: testUser(), organizationId: "org_acme", authenticationMethod: "Password" });
    expect(facts("Session")).not.toHaveProperty("SSO connection");
    expect(action(api.sso.sessionConnection)).not.toHaveBeenCalled();
  });

  test("shows the organization's name once Convex knows it; a placeholder, never the id, while it may still come", () => {
    vi.useFakeTimers();
    const named = meAnswer({ orgId: "org_acme", organizations: [{ id: "org_acme", name: "Acme Corp" }] });
    const view = renderWithAuth(<AccountPage />, {
      user: testUser(),
      organizationId: "org_acme",
      queries: [fakeQuery(api.users.me, () => named)],
    });
    expect(facts("Session")).toMatchObject({ Organization: "Acme Corp" });
    expect(facts("What Convex verified")).toMatchObject({ Organization: "Acme Corp" });
    view.unmount();

    renderWithAuth(<AccountPage />, {
      user: testUser(),
      organizationId: "org_globex",
      queries: [fakeQuery(api.users.me, () => meAnswer({ orgId: "org_globex", organizations: [{ id: "org_globex", name: null }] }))],
    });
    expect(facts("Session")).toMatchObject({ Organization: "" });
    expect(facts("What Convex verified")).toMatchObject({ Organization: "" });
    expect(screen.queryByText(/org_/)).not.toBeInTheDocument();
    // No name came (say, no WORKOS_API_KEY on the server): the id is all there is.
    act(() => vi.advanceTimersByTime(NAME_GRACE_MS));
    expect(facts("Session")).toMatchObject({ Organization: "org_globex" });
    expect(facts("What Convex verified")).toMatchObject({ Organization: "org_globex" });
    vi.useRealTimers();
  });

  test("a user without an organization sees None, and a failing token read is reported", async () => {
    renderWithAuth(<AccountPage />, {
      user: testUser(),
      authKit: { getAccessToken: async () => Promise.reject(new Error("offline")) },
    });
    expect(facts("Session")).toMatchObject({ Organization: "None", Role: "None", Permissions: "None" });
    expect(await screen.findByText("Unknown: offline")).toBeVisible();
    expect(screen.getByRole("region", { name: "What Convex verified" }).querySelector("dl")).toHaveAttribute("aria-busy", "true");
  });

  test("before Convex answers: the page's headings at once, placeholders where data goes, one loading message, no id", () => {
    renderWithAuth(<AccountPage />, { user: testUser(), organizationId: "org_acme", role: "admin" });
    expect(screen.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    expect(screen.getByRole("heading", { name: "What Convex verified" })).toBeVisible();
    expect(screen.getAllByRole("status").map((s) => s.textContent)).toEqual(["Loading…"]);
    expect(screen.queryByText(/org_acme/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Asking Convex|Checking…/)).not.toBeInTheDocument();
  });
});
