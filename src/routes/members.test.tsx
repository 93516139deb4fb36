import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ConvexError } from "convex/values";
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Member } from "../features/members/member-name";
import { acme as ACME, acmeMembers, meAnswer } from "../testing/fixtures";
import { fakeAction, fakeQuery, renderWithAuth, testUser } from "../testing/render-with-auth";
import MembersPage from "./members";

const { alice, bob } = acmeMembers();

const named = { organizations: [{ id: ACME.id, name: ACME.name }] };
const managerMe = fakeQuery(api.users.me, () => meAnswer(named));
const memberMe = fakeQuery(api.users.me, () => meAnswer({ ...named, role: "member", permissions: ["notes:read", "notes:write"] }));
const list = (members: Member[]) => fakeQuery(api.members.list, () => members);
const roles = fakeQuery(api.members.roles, () => ["admin", "member"]);
const noInvitations = fakeQuery(api.invitations.listPending, () => []);
const session = { user: testUser(), organizationId: ACME.id, role: "admin", route: "/app/members" };

const refusal = (code: string, message: string) => new ConvexError({ code, message });

describe("Members page", () => {
  test("while Convex answers: the heading, placeholder rows under aria-busy, one loading message", () => {
    renderWithAuth(<MembersPage />, session);
    expect(screen.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
    expect(screen.getByRole("table", { name: "Members" })).toHaveAttribute("aria-busy", "true");
    expect(screen.getAllByRole("status").map((s) => s.textContent)).toEqual(["Loading…"]);
  });

  test("a member sees who is in the organization (name, email, role, status) and no controls", () => {
    renderWithAuth(<MembersPage />, { ...session, role: "member", queries: [memberMe, list([alice, bob])] });
    const rows = within(screen.getByRole("table", { name: "Members" })).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getAllByRole("cell").map((cell) => cell.textContent))).toEqual([
      [alice.email, "admin", "Active"],
      [bob.email, "member", "Active"],
    ]);
    expect(within(rows[0]!).getByRole("rowheader")).toHaveTextContent("Alice Anderson (you)");
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Remove/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Invite member" })).not.toBeInTheDocument();
  });

  test("a directory-managed member has the Directory badge, the reason, and no role control or Remove", () => {
    const dave = { ...bob, membershipId: "om_dave", userId: "user_dave", name: "Dave Diaz", email: "dave@acme.test", directoryManaged: true };
    renderWithAuth(<MembersPage />, { ...session, queries: [managerMe, list([alice, dave]), roles, noInvitations] });
    const row = screen.getByRole("row", { name: /Dave Diaz/ });
    expect(within(row).getByText("Directory")).toHaveAccessibleDescription(/role follows their groups in your identity provider and cannot be changed here/);
    expect(within(row).queryByRole("combobox")).not.toBeInTheDocument();
    expect(within(row).queryByRole("button")).not.toBeInTheDocument();
    expect(within(row).getByText("Managed by your directory")).toBeVisible();
  });

  test("a manager changes a member's role through Convex", async () => {
    const result = renderWithAuth(<MembersPage />, { ...session, queries: [managerMe, list([alice, bob]), roles, noInvitations] });
    const select = screen.getByRole("combobox", { name: "Role of Bob Brown" });
    expect(select).toHaveValue("member");
    await userEvent.selectOptions(select, "admin");
    expect(result.action(api.members.changeRole)).toHaveBeenCalledExactlyOnceWith({ membershipId: bob.membershipId, role: "admin" });
  });

  test("a refused role change (the last admin demoting themselves) is the server's sentence beside the control", async () => {
    const message = "You are this organization's only admin. Make someone else an admin before you change your own role.";
    renderWithAuth(<MembersPage />, {
      ...session,
      queries: [managerMe, list([alice, bob]), roles, noInvitations],
      actions: [fakeAction(api.members.changeRole, async () => Promise.reject(refusal("LAST_ADMIN", message)))],
    });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Role of Alice Anderson" }), "member");
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.getByRole("combobox", { name: "Role of Alice Anderson" })).toBeEnabled();
  });

  test("Remove asks first; Cancel and Escape keep the member and put focus back on Remove", async () => {
    const result = renderWithAuth(<MembersPage />, { ...session, queries: [managerMe, list([alice, bob]), roles, noInvitations] });
    const remove = screen.getByRole("button", { name: "Remove Bob Brown" });
    await userEvent.click(remove);
    const confirm = screen.getByRole("group", { name: "Confirm removing Bob Brown" });
    expect(confirm).toHaveTextContent("Remove Bob Brown from Acme Corp? They lose access at once.");
    expect(within(confirm).getByRole("button", { name: "Remove Bob Brown" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("group")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Remove Bob Brown" }));
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(result.action(api.members.remove)).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: "Remove Bob Brown" }));
    await userEvent.click(within(screen.getByRole("group")).getByRole("button", { name: "Remove Bob Brown" }));
    expect(result.action(api.members.remove)).toHaveBeenCalledExactlyOnceWith({ membershipId: bob.membershipId });
  });

  test("a refused removal (the last admin) is explained as a sentence, never raw JSON", async () => {
    const message = "You are this organization's only admin, so you cannot leave it. Make someone else an admin first.";
    renderWithAuth(<MembersPage />, {
      ...session,
      queries: [managerMe, list([alice, bob]), roles, noInvitations],
      actions: [fakeAction(api.members.remove, async () => Promise.reject(refusal("LAST_ADMIN", message)))],
    });
    await userEvent.click(screen.getByRole("button", { name: "Remove Alice Anderson" }));
    expect(screen.getByRole("group")).toHaveTextContent("Leave Acme Corp?");
    await userEvent.click(screen.getByRole("button", { name: "Leave" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(message);
    expect(alert).not.toHaveTextContent('"code"');
  });

  test("a membership a directory manages is changed there, not here", () => {
    renderWithAuth(<MembersPage />, { ...session, queries: [managerMe, list([alice, { ...bob, directoryManaged: true }]), roles, noInvitations] });
    expect(screen.queryByRole("combobox", { name: "Role of Bob Brown" })).not.toBeInTheDocument();
    expect(screen.getByText("Managed by your directory")).toBeVisible();
  });

  test("invites by email with one of the organization's roles; the field empties and the page says so", async () => {
    const result = renderWithAuth(<MembersPage />, {
      ...session,
      queries: [managerMe, list([alice]), roles, noInvitations],
      actions: [
        fakeAction(api.invitations.send, async ({ email, role }) => ({ invitationId: "invitation_1", email, role, state: "pending" as const, expiresAt: Date.UTC(2026, 0, 8), expired: false })),
      ],
    });
    const form = screen.getByRole("heading", { name: "Invite member" }).parentElement!;
    expect(within(form).getByLabelText("Role")).toHaveValue("member");
    await userEvent.type(within(form).getByLabelText("Email"), "dana@example.com");
    await userEvent.selectOptions(within(form).getByLabelText("Role"), "admin");
    await userEvent.click(within(form).getByRole("button", { name: "Send invitation" }));
    expect(result.action(api.invitations.send)).toHaveBeenCalledExactlyOnceWith({ email: "dana@example.com", role: "admin" });
    expect(await screen.findByText("Invitation sent to dana@example.com as admin.")).toBeVisible();
    expect(within(form).getByLabelText("Email")).toHaveValue("");
  });

  test("an empty email is caught before Convex; WorkOS's refusal is its sentence", async () => {
    const message = "dana@example.com has a pending invitation to Acme Corp already. Resend it instead.";
    const result = renderWithAuth(<MembersPage />, {
      ...session,
      queries: [managerMe, list([alice]), roles, noInvitations],
      actions: [fakeAction(api.invitations.send, async () => Promise.reject(refusal("WORKOS_ERROR", message)))],
    });
    await userEvent.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Type the email address of the person to invite.");
    expect(result.action(api.invitations.send)).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText("Email"), "dana@example.com");
    await userEvent.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.getByLabelText("Email")).toHaveValue("dana@example.com");
  });

  test("pending invitations: none yet, then each with Resend and Revoke", async () => {
    const pending = fakeQuery(api.invitations.listPending, () => [
      { invitationId: "invitation_1", email: "dana@example.com", role: "member", state: "pending" as const, expiresAt: Date.UTC(2026, 0, 8), expired: false },
      { invitationId: "invitation_2", email: "erin@example.com", role: "admin", state: "pending" as const, expiresAt: Date.UTC(2025, 0, 8), expired: true },
    ]);
    const result = renderWithAuth(<MembersPage />, { ...session, queries: [managerMe, list([alice]), roles, noInvitations] });
    expect(screen.getByText("No pending invitations.")).toBeVisible();
    result.update({ ...session, queries: [managerMe, list([alice]), roles, pending] });
    const items = within(screen.getByRole("list", { name: "Pending invitations" })).getAllByRole("listitem");
    expect(items[1]).toHaveTextContent("Expired: resend it to renew it");
    await userEvent.click(screen.getByRole("button", { name: "Resend the invitation to dana@example.com" }));
    expect(result.action(api.invitations.resend)).toHaveBeenCalledExactlyOnceWith({ invitationId: "invitation_1" });
    expect(await within(items[0]!).findByText("Sent again to dana@example.com.")).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "Revoke the invitation to erin@example.com" }));
    expect(result.action(api.invitations.revoke)).toHaveBeenCalledExactlyOnceWith({ invitationId: "invitation_2" });
  });

  test("an empty list says why; a refused list is the server's sentence", () => {
    const result = renderWithAuth(<MembersPage />, { ...session, role: "member", queries: [memberMe, list([])] });
    expect(screen.getByText(/No members to show yet/)).toBeVisible();
    const refused = fakeQuery(api.members.list, () => {
      throw refusal("FORBIDDEN", "This needs an organization. Switch to one of your organizations first.");
    });
    result.update({ ...session, organizationId: "org_other", queries: [memberMe, refused] });
    expect(screen.getByRole("alert")).toHaveTextContent("This needs an organization. Switch to one of your organizations first.");
  });

  test("a manager who loses members:manage mid-page gets the reader's view, live", () => {
    const result = renderWithAuth(<MembersPage />, { ...session, queries: [managerMe, list([alice, bob]), roles, noInvitations] });
    expect(screen.getByRole("combobox", { name: "Role of Bob Brown" })).toBeVisible();
    result.update({ ...session, queries: [memberMe, list([{ ...alice, role: "member" }, { ...bob, role: "admin" }])] });
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Invite member" })).not.toBeInTheDocument();
  });

  test("outside an organization: where members are, and a way to create one", () => {
    renderWithAuth(<MembersPage />, { ...session, organizationId: null, role: null, queries: [fakeQuery(api.users.me, () => meAnswer({ orgId: null, role: null, permissions: [] }))] });
    expect(screen.getByText(/not signed in to one/)).toBeVisible();
    expect(screen.getByRole("link", { name: "Create an organization" })).toHaveAttribute("href", "/app/organizations/new");
  });
});
