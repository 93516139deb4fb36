import { describe, expect, test, vi } from "vitest";
import { ACME } from "../../emulators/authkit/demo-world";
import { api } from "../_generated/api";
import { identities } from "../test.setup";
import { acme, at, DAVE, daveMembership, daveReads, daveUser, daveWrites, deliver, directory, DAVE_MEMBERSHIP, DIRECTORY, directoryUser, event, group, provisionDave, receiveWebhooks, settings } from "./dsync.setup";

/** Directory Sync, SSO connections and domains through the webhook, as WorkOS delivers them. */

receiveWebhooks();

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
