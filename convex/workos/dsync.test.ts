import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { ACME, ALICE } from "../../emulators/authkit/demo-world";
import { api, internal } from "../_generated/api";
import { identities, newConvexTest } from "../test.setup";
import { computeSignature } from "./signature";

/** Directory Sync, SSO connections and domains through the webhook, as WorkOS delivers them. */

const SECRET = "whsec_dsync_test";
type T = ReturnType<typeof newConvexTest>;

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();
let seq = 0;
const event = (name: string, data: Record<string, unknown>, minute = 0, id = `event_dsync_${++seq}`) => ({ id, event: name, data, created_at: at(minute) });

async function deliver(t: T, body: unknown) {
  const raw = JSON.stringify(body);
  const ts = String(Date.now());
  const response = await t.fetch("/workos/webhook", {
    method: "POST",
    headers: { "Content-Type": "application/json", "WorkOS-Signature": `t=${ts}, v1=${await computeSignature(ts, raw, SECRET)}` },
    body: raw,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { outcome: string }).outcome;
}

const DIRECTORY = "directory_acme01";
const DAVE = { id: "user_dave01", email: "dave@acme.test" };
const DAVE_MEMBERSHIP = "om_dave01";
const daveIdentity = { ...identities.bobAtAcme, subject: DAVE.id, tokenIdentifier: `${identities.bobAtAcme.issuer}|${DAVE.id}`, role: "member" };

const directory = (minute: number, state = "active") => ({
  object: "directory",
  id: DIRECTORY,
  organization_id: ACME.id,
  name: "Acme Okta",
  type: "okta scim v2.0",
  state,
  domains: [],
  created_at: at(0),
  updated_at: at(minute),
});
const directoryUser = (minute: number, state = "active") => ({
  object: "directory_user",
  id: "directory_user_dave",
  directory_id: DIRECTORY,
  organization_id: ACME.id,
  idp_id: "dave",
  email: DAVE.email,
  first_name: "Dave",
  last_name: "Diaz",
  state,
  custom_attributes: {},
  raw_attributes: {},
  created_at: at(0),
  updated_at: at(minute),
});
const group = (minute: number) => ({
  object: "directory_group",
  id: "directory_group_eng",
  idp_id: "eng",
  directory_id: DIRECTORY,
  organization_id: ACME.id,
  name: "Engineering",
  raw_attributes: {},
  created_at: at(0),
  updated_at: at(minute),
});
const daveMembership = (minute: number, status = "active") => ({
  object: "organization_membership",
  id: DAVE_MEMBERSHIP,
  user_id: DAVE.id,
  organization_id: ACME.id,
  status,
  role: { slug: "member" },
  directory_managed: true,
  created_at: at(0),
  updated_at: at(minute),
});
const daveUser = { object: "user", id: DAVE.id, email: DAVE.email, first_name: "Dave", last_name: "Diaz", email_verified: true, created_at: at(0), updated_at: at(0) };

/** Acme in the mirror with Alice its admin, and the demo roles. */
async function acme() {
  const t = newConvexTest();
  const t0 = Date.parse(at(0));
  await t.mutation(internal.workos.mirror.write, {
    organizations: [{ workosId: ACME.id, name: ACME.name, updatedAt: t0 }],
    memberships: [
      { workosId: ALICE.memberships[0]!.id, userId: ALICE.id, organizationId: ACME.id, role: "admin", status: "active", directoryManaged: false, updatedAt: t0 },
    ],
    roles: [
      { slug: "admin", permissions: ["notes:read", "notes:write", "members:manage"], updatedAt: t0 },
      { slug: "member", permissions: ["notes:read", "notes:write"], updatedAt: t0 },
    ],
  });
  return t;
}

/** Dave provisioned by the directory, as WorkOS announces it. */
async function provisionDave(t: T) {
  await deliver(t, event("dsync.activated", directory(1)));
  await deliver(t, event("dsync.user.created", directoryUser(2)));
  await deliver(t, event("user.created", daveUser));
  await deliver(t, event("organization_membership.created", daveMembership(2)));
}

const settings = (t: T) => t.withIdentity(identities.aliceAtAcme).query(api.organizationSettings.get, {});
const daveReads = (t: T) => t.withIdentity(daveIdentity).query(api.notes.list, { paginationOpts: { numItems: 10, cursor: null } });
const daveWrites = (t: T) => t.withIdentity(daveIdentity).mutation(api.notes.add, { text: "still here?" });

beforeEach(() => {
  vi.stubEnv("WORKOS_WEBHOOK_SECRET", SECRET);
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("dsync.activated / dsync.deleted", () => {
  test("a directory shows on the settings page, with its active users, until it is deleted; a late activation does not bring it back", async () => {
    const t = await acme();
    expect((await settings(t)).directories).toEqual([]);
    const activated = event("dsync.activated", directory(1));
    expect(await deliver(t, activated)).toBe("applied");
    await deliver(t, event("dsync.user.created", directoryUser(2)));
    expect((await settings(t)).directories).toEqual([{ id: DIRECTORY, name: "Acme Okta", type: "okta scim v2.0", state: "active", activeUsers: 1 }]);
    expect(await deliver(t, activated)).toBe("duplicate");

    expect(await deliver(t, event("dsync.deleted", { ...directory(5), state: "deleting" }))).toBe("applied");
    expect((await settings(t)).directories).toEqual([]);
    expect(await deliver(t, event("dsync.activated", directory(3)))).toBe("stale");
    expect((await settings(t)).directories).toEqual([]);
  });

  test("deleting a directory ends its users' access (WorkOS announces no dsync.user.deleted for them)", async () => {
    const t = await acme();
    await provisionDave(t);
    await daveReads(t);
    await deliver(t, event("dsync.deleted", directory(5)));
    await expect(daveReads(t)).rejects.toThrow(/deactivated/);
  });
});

describe("dsync.user.*: provisioning and deprovisioning", () => {
  test("a provisioned directory user is a member; deactivated in the directory, their next query and every write are refused", async () => {
    const t = await acme();
    await provisionDave(t);
    expect((await daveReads(t)).page).toEqual([]);
    await daveWrites(t);

    expect(await deliver(t, event("dsync.user.updated", { ...directoryUser(3, "inactive"), previous_attributes: { state: "active" } }))).toBe("applied");
    await expect(daveReads(t)).rejects.toThrow(/deactivated/);
    await expect(daveWrites(t)).rejects.toThrow(/deactivated/);
    expect((await settings(t)).directories[0]!.activeUsers).toBe(0);
  });

  test("deleted in the directory: access ends before WorkOS's membership event, and an older 'active' delivery cannot restore it", async () => {
    const t = await acme();
    await provisionDave(t);
    expect(await deliver(t, event("dsync.user.deleted", directoryUser(4)))).toBe("applied");
    await expect(daveReads(t)).rejects.toThrow(/deactivated/);
    // A retried delivery from before the deletion.
    expect(await deliver(t, event("organization_membership.updated", daveMembership(3)))).toBe("stale");
    await expect(daveReads(t)).rejects.toThrow(/deactivated/);
    // WorkOS's own deactivation, at the same time, changes nothing; a later one is applied and agrees.
    expect(await deliver(t, event("organization_membership.updated", daveMembership(4, "inactive")))).toBe("stale");
    expect(await deliver(t, event("organization_membership.updated", daveMembership(5, "inactive")))).toBe("applied");
    await expect(daveWrites(t)).rejects.toThrow(/deactivated/);
  });

  test("out of order: the deletion before the creation leaves the user deleted, and a membership older than it is written inactive", async () => {
    const t = await acme();
    await deliver(t, event("dsync.activated", directory(1)));
    await deliver(t, event("user.created", daveUser));
    expect(await deliver(t, event("dsync.user.deleted", directoryUser(4)))).toBe("applied");
    expect(await deliver(t, event("dsync.user.created", directoryUser(2)))).toBe("stale");
    expect(await deliver(t, event("organization_membership.created", daveMembership(2)))).toBe("applied");
    await expect(daveReads(t)).rejects.toThrow(/deactivated/);
  });

  test("an older update after a newer one is stale; a replayed event is a duplicate", async () => {
    const t = await acme();
    await provisionDave(t);
    const renamed = event("dsync.user.updated", { ...directoryUser(6), first_name: "David" });
    expect(await deliver(t, renamed)).toBe("applied");
    expect(await deliver(t, event("dsync.user.updated", directoryUser(5, "inactive")))).toBe("stale");
    expect(await deliver(t, renamed)).toBe("duplicate");
    expect((await daveReads(t)).page).toEqual([]);
    const row = await t.run((ctx) => ctx.db.query("directoryUsers").unique());
    expect(row).toMatchObject({ firstName: "David", state: "active", email: DAVE.email });
  });

  test("reactivated in the directory: WorkOS's new active membership gives access back", async () => {
    const t = await acme();
    await provisionDave(t);
    await deliver(t, event("dsync.user.updated", directoryUser(3, "inactive")));
    await expect(daveReads(t)).rejects.toThrow(/deactivated/);
    await deliver(t, event("dsync.user.updated", directoryUser(7)));
    await deliver(t, event("organization_membership.updated", daveMembership(7)));
    expect((await daveReads(t)).page).toEqual([]);
  });

  test("a directory-managed member's role cannot be changed in the app", async () => {
    const t = await acme();
    vi.stubEnv("WORKOS_API_KEY", "sk_test_dsync");
    await provisionDave(t);
    await expect(t.withIdentity(identities.aliceAtAcme).action(api.members.changeRole, { membershipId: DAVE_MEMBERSHIP, role: "admin" })).rejects.toThrow(
      /comes from your organization's directory/,
    );
  });
});

describe("dsync.group.*", () => {
  test("groups and their members follow the events, ordered by event time when add and remove cross", async () => {
    const t = await acme();
    await deliver(t, event("dsync.activated", directory(1)));
    expect(await deliver(t, event("dsync.group.created", group(1)))).toBe("applied");
    expect(await deliver(t, event("dsync.group.updated", { ...group(2), name: "Eng" }))).toBe("applied");
    const edge = () => t.run((ctx) => ctx.db.query("directoryGroupMembers").unique());
    const pair = { directory_id: DIRECTORY, user: directoryUser(2), group: group(2) };
    // Removed at 10, added at 8: the removal arrives first.
    expect(await deliver(t, event("dsync.group.user_removed", pair, 10))).toBe("applied");
    expect(await deliver(t, event("dsync.group.user_added", pair, 8))).toBe("stale");
    expect(await edge()).toMatchObject({ present: false });
    expect(await deliver(t, event("dsync.group.user_added", pair, 12))).toBe("applied");
    expect(await edge()).toMatchObject({ present: true, groupId: "directory_group_eng", directoryUserId: "directory_user_dave" });
    expect(await deliver(t, event("dsync.group.deleted", group(13)))).toBe("applied");
    expect(await deliver(t, event("dsync.group.updated", group(11)))).toBe("stale");
    const groups = await t.run((ctx) => ctx.db.query("directoryGroups").collect());
    expect(groups).toHaveLength(1);
    expect(groups[0]!.deletedAt).toBeDefined();
  });
});

describe("connection.* and domains", () => {
  const connection = (minute: number, state: string) => ({
    object: "connection",
    id: "conn_acme01",
    organization_id: ACME.id,
    name: "Acme Okta SSO",
    connection_type: "OktaSAML",
    state,
    domains: [],
    created_at: at(0),
    updated_at: at(minute),
  });

  test("an SSO connection's state follows activated / deactivated / deleted, in updated_at order", async () => {
    const t = await acme();
    await deliver(t, event("connection.activated", connection(1, "active")));
    expect((await settings(t)).connections).toEqual([{ id: "conn_acme01", name: "Acme Okta SSO", type: "OktaSAML", state: "active" }]);
    await deliver(t, event("connection.deactivated", connection(3, "inactive")));
    expect(await deliver(t, event("connection.activated", connection(2, "active")))).toBe("stale");
    expect((await settings(t)).connections[0]!.state).toBe("inactive");
    await deliver(t, event("connection.deleted", connection(4, "inactive")));
    expect((await settings(t)).connections).toEqual([]);
  });

  test("organization.updated carries the domains; organization_domain.* changes one", async () => {
    const t = await acme();
    const domain = (state: string) => ({ object: "organization_domain", id: "org_domain_acme", organization_id: ACME.id, domain: "acme.test", state, verification_strategy: "dns", created_at: at(0), updated_at: at(0) });
    await deliver(t, event("organization.updated", { object: "organization", id: ACME.id, name: ACME.name, domains: [domain("pending")], created_at: at(0), updated_at: at(1) }));
    expect((await settings(t)).domains).toEqual([{ id: "org_domain_acme", domain: "acme.test", state: "pending" }]);
    await deliver(t, event("organization_domain.verified", domain("verified")));
    expect((await settings(t)).domains).toEqual([{ id: "org_domain_acme", domain: "acme.test", state: "verified" }]);
    // An organization event without `domains` (an older SDK shape) keeps them.
    await deliver(t, event("organization.updated", { object: "organization", id: ACME.id, name: "Acme", created_at: at(0), updated_at: at(2) }));
    expect(await settings(t)).toMatchObject({ organizationName: "Acme", domains: [{ domain: "acme.test", state: "verified" }] });
  });

  test("a member without members:manage cannot read the settings", async () => {
    const t = await acme();
    await expect(t.withIdentity(identities.bobAtAcme).query(api.organizationSettings.get, {})).rejects.toThrow(/members:manage/);
  });
});
