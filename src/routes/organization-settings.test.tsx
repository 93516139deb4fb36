import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ConvexError } from "convex/values";
import { describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { OrganizationSettings } from "../features/organization-settings/settings-labels";
import { acme as ACME, meAnswer } from "../testing/fixtures";
import { fakeAction, fakeQuery, renderWithAuth, testUser } from "../testing/render-with-auth";
import OrganizationSettingsPage from "./organization-settings";

const named = { organizations: [{ id: ACME.id, name: ACME.name }] };
const managerMe = fakeQuery(api.users.me, () => meAnswer(named));
const memberMe = fakeQuery(api.users.me, () => meAnswer({ ...named, role: "member", permissions: ["notes:read", "notes:write"] }));
const session = { user: testUser(), organizationId: ACME.id, role: "admin", route: "/app/organization" };

const empty: OrganizationSettings = { organizationName: ACME.name, domains: [], connections: [], directories: [] };
const setUp: OrganizationSettings = {
  organizationName: ACME.name,
  domains: [
    { id: "org_domain_1", domain: "acme.test", state: "verified" },
    { id: "org_domain_2", domain: "acme.example", state: "pending" },
  ],
  connections: [{ id: "conn_1", name: "Acme Corp Okta", type: "OktaSAML", state: "active" }],
  directories: [{ id: "directory_1", name: "Acme SCIM", type: "generic scim v2.0", state: "active", activeUsers: 1 }],
};
const settings = (answer: OrganizationSettings) => fakeQuery(api.organizationSettings.get, () => answer);

describe("Organization settings page", () => {
  test("with nothing set up: each section says so and offers its Admin Portal button", () => {
    renderWithAuth(<OrganizationSettingsPage />, { ...session, queries: [managerMe, settings(empty)] });
    expect(screen.getByRole("heading", { level: 1, name: "Organization settings" })).toBeVisible();
    for (const [section, button] of [
      ["Domains", "Verify a domain"],
      ["Single sign-on", "Set up SSO"],
      ["Directory sync", "Set up directory sync"],
    ] as const) {
      const region = screen.getByRole("region", { name: section });
      expect(within(region).getByRole("button", { name: button })).toBeEnabled();
    }
    expect(screen.getByRole("region", { name: "Single sign-on" })).toHaveTextContent("No SSO connection");
    expect(screen.getByRole("region", { name: "Directory sync" })).toHaveTextContent("No directory");
  });

  test("shows the domains with their verification state, the SSO connection and the directory", () => {
    renderWithAuth(<OrganizationSettingsPage />, { ...session, queries: [managerMe, settings(setUp)] });
    const domains = within(screen.getByRole("list", { name: "Domains" })).getAllByRole("listitem").map((li) => li.textContent);
    expect(domains).toEqual(["acme.test Verified", "acme.example Waiting for verification"]);
    expect(screen.getByRole("list", { name: "Single sign-on" })).toHaveTextContent("Acme Corp Okta (OktaSAML) Active");
    expect(screen.getByRole("list", { name: "Directory sync" })).toHaveTextContent("Acme SCIM (generic scim v2.0) Active 1 active user");
  });

  test("reads what was set up before the webhooks from WorkOS once, when it opens", () => {
    const result = renderWithAuth(<OrganizationSettingsPage />, { ...session, queries: [managerMe, settings(empty)] });
    expect(result.action(api.organizationSettings.refresh)).toHaveBeenCalledExactlyOnceWith({});
  });

  test("a button asks Convex for a link for its intent, with this origin, and goes to it at once", async () => {
    const navigate = vi.fn();
    const result = renderWithAuth(<OrganizationSettingsPage navigate={navigate} />, {
      ...session,
      queries: [managerMe, settings(empty)],
      actions: [fakeAction(api.portal.generateLink, async () => "http://localhost:4100/portal/abc")],
    });
    await userEvent.click(screen.getByRole("button", { name: "Set up directory sync" }));
    expect(result.action(api.portal.generateLink)).toHaveBeenCalledExactlyOnceWith({ intent: "dsync", appOrigin: window.location.origin });
    expect(navigate).toHaveBeenCalledExactlyOnceWith("http://localhost:4100/portal/abc");

    await userEvent.click(screen.getByRole("button", { name: "Set up SSO" }));
    await userEvent.click(screen.getByRole("button", { name: "Verify a domain" }));
    expect(result.action(api.portal.generateLink).mock.calls.map(([args]) => (args as { intent: string }).intent)).toEqual(["dsync", "sso", "domain_verification"]);
    // A new link each time: none is kept.
    expect(navigate).toHaveBeenCalledTimes(3);
  });

  test("a refused link is Convex's sentence beside the button, and the page stays", async () => {
    const navigate = vi.fn();
    const message = 'Your role does not include the "members:manage" permission. Ask an organization admin for it.';
    renderWithAuth(<OrganizationSettingsPage navigate={navigate} />, {
      ...session,
      queries: [managerMe, settings(empty)],
      actions: [fakeAction(api.portal.generateLink, async () => Promise.reject(new ConvexError({ code: "FORBIDDEN", message })))],
    });
    await userEvent.click(screen.getByRole("button", { name: "Set up SSO" }));
    expect(await within(screen.getByRole("region", { name: "Single sign-on" })).findByRole("alert")).toHaveTextContent(message);
    expect(navigate).not.toHaveBeenCalled();
  });

  test("a member without members:manage is told only admins see the settings, with no buttons", () => {
    renderWithAuth(<OrganizationSettingsPage />, { ...session, role: "member", queries: [memberMe, settings(empty)] });
    expect(screen.getByText(/Only the admins of Acme Corp/)).toBeVisible();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
