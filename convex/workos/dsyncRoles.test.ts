import { describe, expect, test } from "vitest";
import { ALICE } from "../../emulators/authkit/demo-world";
import { api } from "../_generated/api";
import { identities } from "../test.setup";
import { acme, daveManages, daveMembership, daveUser, deliver, directory, directoryUser, event, provisionDave, receiveWebhooks, type T } from "./dsync.setup";

/** A directory-managed member's role is WorkOS's, from the directory's groups: whichever event says it first, and newest wins. */

const daveRole = async (t: T) => (await t.run((ctx) => ctx.db.query("memberships").withIndex("by_workos_id", (q) => q.eq("workosId", "om_dave01")).unique()))?.role;

receiveWebhooks();

describe("a directory-managed member's role", () => {
  test("follows WorkOS's organization_membership.updated, and the member's permissions follow at once", async () => {
    const t = await acme();
    await provisionDave(t);
    expect(await daveManages(t)).toBe(false);
    expect(await deliver(t, event("organization_membership.updated", daveMembership(3, "active", "admin")))).toBe("applied");
    expect(await daveManages(t)).toBe(true);
    const list = await t.withIdentity(identities.aliceAtAcme).query(api.members.list, {});
    expect(list.find((m) => m.membershipId === "om_dave01")).toMatchObject({ role: "admin", directoryManaged: true });
  });

  test("follows a newer dsync.user.updated before WorkOS's membership event; older and replayed deliveries change nothing", async () => {
    const t = await acme();
    await provisionDave(t);
    const promoted = event("dsync.user.updated", { ...directoryUser(4, "active", "admin"), previous_attributes: { role: { slug: "member" } } });
    expect(await deliver(t, promoted)).toBe("applied");
    expect(await daveRole(t)).toBe("admin");
    expect(await daveManages(t)).toBe(true);
    // A retried membership delivery from before the promotion, and WorkOS's own at the same time.
    expect(await deliver(t, event("organization_membership.updated", daveMembership(3)))).toBe("stale");
    expect(await deliver(t, event("organization_membership.updated", daveMembership(4, "active", "admin")))).toBe("stale");
    expect(await deliver(t, promoted)).toBe("duplicate");
    expect(await deliver(t, event("dsync.user.updated", directoryUser(3, "active", "member")))).toBe("stale");
    expect(await daveRole(t)).toBe("admin");
    // Taken out of the group: the default role, at once.
    expect(await deliver(t, event("dsync.user.updated", directoryUser(6, "active", "member")))).toBe("applied");
    expect(await daveManages(t)).toBe(false);
  });

  test("out of order: a membership created after the directory gave the role is written with it, and WorkOS's newer membership word wins", async () => {
    const t = await acme();
    await deliver(t, event("dsync.activated", directory(1)));
    await deliver(t, event("user.created", daveUser));
    await deliver(t, event("dsync.user.created", directoryUser(2, "active", "member")));
    await deliver(t, event("dsync.user.updated", directoryUser(4, "active", "admin")));
    expect(await deliver(t, event("organization_membership.created", daveMembership(2)))).toBe("applied");
    expect(await daveRole(t)).toBe("admin");
    expect(await daveManages(t)).toBe(true);
    expect(await deliver(t, event("organization_membership.updated", daveMembership(6, "active", "member")))).toBe("applied");
    expect(await daveRole(t)).toBe("member");
  });

  test("the directory's role never reaches a membership the directory does not manage, nor an inactive one", async () => {
    const t = await acme();
    await deliver(t, event("user.created", { ...daveUser, id: ALICE.id, email: ALICE.email }));
    await deliver(t, event("dsync.activated", directory(1)));
    await deliver(t, event("dsync.user.created", { ...directoryUser(2, "active", "member"), id: "directory_user_alice", email: ALICE.email }));
    await deliver(t, event("dsync.user.updated", { ...directoryUser(3, "active", "member"), id: "directory_user_alice", email: ALICE.email }));
    // Alice is still Acme's admin.
    await expect(t.withIdentity(identities.aliceAtAcme).query(api.organizationSettings.get, {})).resolves.toMatchObject({ domains: [] });

    await provisionDave(t);
    await deliver(t, event("dsync.user.updated", directoryUser(5, "inactive", "member")));
    await deliver(t, event("dsync.user.updated", { ...directoryUser(4, "active", "admin"), id: "directory_user_dave_older" }));
    expect(await daveRole(t)).toBe("member");
  });
});
