import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { ACME, ALICE, BOB } from "../emulators/authkit/demo-world";
import { api, internal } from "./_generated/api";
import { identities, newConvexTest } from "./test.setup";
import { fakeWorkOS } from "./workos/fake.setup";

async function acme() {
  const workos = fakeWorkOS();
  workos.addOrganization(ACME);
  for (const user of [ALICE, BOB]) {
    workos.addUser({ id: user.id, email: user.email, first_name: user.first_name, last_name: user.last_name });
    const m = user.memberships[0]!;
    workos.addMembership({ id: m.id, userId: user.id, organizationId: ACME.id, role: m.role });
  }
  const t = newConvexTest();
  await t.action(internal.workos.backfill.run, {});
  return { t, workos, alice: t.withIdentity(identities.aliceAtAcme), bob: t.withIdentity(identities.bobAtAcme) };
}

beforeEach(() => {
  vi.stubEnv("WORKOS_API_KEY", "sk_test_invitations");
  vi.stubEnv("WORKOS_API_URL", "");
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("invitations: members:manage holders", () => {
  test("invite, list pending, resend and revoke, with the mirror updated at once", async () => {
    const { alice, workos } = await acme();
    const sent = await alice.action(api.invitations.send, { email: " Dana@Example.com ", role: "member" });
    expect(sent).toMatchObject({ email: "dana@example.com", role: "member", state: "pending", expired: false });
    expect(workos.calls.find((c) => c.method === "POST")).toMatchObject({
      path: "/user_management/invitations",
      body: { email: "dana@example.com", organization_id: ACME.id, role_slug: "member", inviter_user_id: ALICE.id },
    });
    expect(await alice.query(api.invitations.listPending, {})).toEqual([sent]);

    const resent = await alice.action(api.invitations.resend, { invitationId: sent.invitationId });
    expect(resent).toMatchObject({ invitationId: sent.invitationId, role: "member", state: "pending" });
    await alice.action(api.invitations.revoke, { invitationId: sent.invitationId });
    expect(await alice.query(api.invitations.listPending, {})).toEqual([]);
    expect(workos.invitations.get(sent.invitationId)!.state).toBe("revoked");
  });

  test("WorkOS's refusals become sentences", async () => {
    const { alice } = await acme();
    const refusal = (p: Promise<unknown>) => p.catch((e: { data?: unknown }) => e.data);
    expect(await refusal(alice.action(api.invitations.send, { email: BOB.email, role: "member" }))).toEqual({
      code: "WORKOS_ERROR",
      message: `${BOB.email} is already a member of Acme Corp.`,
    });
    const { invitationId } = await alice.action(api.invitations.send, { email: "erin@example.com", role: "member" });
    await alice.action(api.invitations.revoke, { invitationId });
    expect(await refusal(alice.action(api.invitations.revoke, { invitationId }))).toMatchObject({
      code: "WORKOS_ERROR",
      message: expect.stringContaining("no longer pending"),
    });
    expect(await refusal(alice.action(api.invitations.send, { email: "not an email", role: "member" }))).toMatchObject({ code: "INVALID_ARGUMENT" });
  });
});

describe("invitations: everyone else", () => {
  test("members without members:manage, outsiders and anonymous callers are refused, and WorkOS is not called", async () => {
    const { t, bob, alice, workos } = await acme();
    const { invitationId } = await alice.action(api.invitations.send, { email: "frank@example.com", role: "member" });
    const before = workos.calls.length;
    for (const caller of [bob, t.withIdentity(identities.carol), t]) {
      await expect(caller.action(api.invitations.send, { email: "x@example.com", role: "admin" })).rejects.toThrow(/members:manage|needs an organization|not signed in/);
      await expect(caller.query(api.invitations.listPending, {})).rejects.toThrow(/members:manage|needs an organization|not signed in/);
      await expect(caller.action(api.invitations.resend, { invitationId })).rejects.toThrow(/members:manage|needs an organization|not signed in/);
      await expect(caller.action(api.invitations.revoke, { invitationId })).rejects.toThrow(/members:manage|needs an organization|not signed in/);
    }
    expect(workos.calls.length).toBe(before);
  });

  test("a removed manager is refused with NOT_A_MEMBER", async () => {
    const { t, alice, bob } = await acme();
    await alice.action(api.members.changeRole, { membershipId: BOB.memberships[0]!.id, role: "admin" });
    await bob.action(api.members.remove, { membershipId: ALICE.memberships[0]!.id });
    const error: unknown = await alice.query(api.invitations.listPending, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { code: "NOT_A_MEMBER" } });
    await expect(t.withIdentity(identities.aliceAtAcme).action(api.invitations.send, { email: "g@example.com", role: "member" })).rejects.toThrow(/no longer a member/);
  });

  test("an invitation of another organization is not found", async () => {
    const { alice, workos } = await acme();
    workos.addOrganization({ id: "org_other", name: "Other" });
    workos.invitations.set("invitation_OTHER", {
      id: "invitation_OTHER", email: "h@example.com", state: "pending", organization_id: "org_other", inviter_user_id: null,
      role_slug: null, token: "othertoken", expires_at: new Date(Date.now() + 1e6).toISOString(), created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z",
    });
    await expect(alice.action(api.invitations.revoke, { invitationId: "invitation_OTHER" })).rejects.toThrow(/not one of your organization's/);
    expect(workos.invitations.get("invitation_OTHER")!.state).toBe("pending");
  });
});

describe("invitations.lookup (signed out)", () => {
  test("says which organization invited whom, its state and expiry; each end state is its own answer", async () => {
    const { t, alice, workos } = await acme();
    const { invitationId, expiresAt } = await alice.action(api.invitations.send, { email: "ivy@example.com", role: "member" });
    const token = workos.invitations.get(invitationId)!.token;
    expect(await t.action(api.invitations.lookup, { token })).toEqual({
      status: "pending",
      email: "ivy@example.com",
      organizationId: ACME.id,
      organizationName: "Acme Corp",
      expiresAt,
    });
    workos.invitations.get(invitationId)!.expires_at = new Date(Date.now() - 1000).toISOString();
    expect(await t.action(api.invitations.lookup, { token })).toMatchObject({ status: "expired" });
    workos.invitations.get(invitationId)!.state = "accepted";
    expect(await t.action(api.invitations.lookup, { token })).toMatchObject({ status: "accepted" });
    workos.invitations.get(invitationId)!.state = "revoked";
    expect(await t.action(api.invitations.lookup, { token })).toMatchObject({ status: "revoked" });
    expect(await t.action(api.invitations.lookup, { token: "nosuchtoken" })).toEqual({ status: "unknown" });
    expect(await t.action(api.invitations.lookup, { token: "../users" })).toEqual({ status: "unknown" });
  });

  test("answers nothing but the invitation (no token, no link, no inviter)", async () => {
    const { t, alice, workos } = await acme();
    const { invitationId } = await alice.action(api.invitations.send, { email: "jo@example.com", role: "member" });
    const answer = await t.action(api.invitations.lookup, { token: workos.invitations.get(invitationId)!.token });
    expect(Object.keys(answer).sort()).toEqual(["email", "expiresAt", "organizationId", "organizationName", "status"]);
  });
});
