import { beforeEach, describe, expect, it } from "vitest";
import { ACME, ALICE, BOB, CAROL, GLOBEX } from "../demo-world.ts";
import { DEMO_SEED_FILE } from "../seed.ts";
import { Store } from "../store.ts";
import { addDomain, domainHolder, organizationForEmail, organizationForVerifiedDomain, verifyDomain } from "./domains.ts";
import { activateMembership, addMembership, deactivateMembership, findMembership, reactivateMembership, removeMembership } from "./memberships.ts";

let store: Store;
beforeEach(async () => {
  store = await Store.open(null, DEMO_SEED_FILE);
});

describe("provisioning/domains", () => {
  it("routes an email to the organization of its verified domain only", () => {
    expect(organizationForVerifiedDomain(store, "ACME.test")?.id).toBe(ACME.id);
    expect(organizationForEmail(store, "dana@acme.test")?.id).toBe(ACME.id);
    const pending = addDomain(store, GLOBEX.id, "globex.test", { state: "pending", strategy: "dns" });
    expect(pending).toMatchObject({ state: "pending", verification_strategy: "dns", verification_token: expect.any(String) });
    expect(organizationForEmail(store, "hank@globex.test")).toBeUndefined();
    expect(domainHolder(store, "globex.test")?.organization_id).toBe(GLOBEX.id);
    verifyDomain(store, pending.id);
    expect(organizationForEmail(store, "hank@globex.test")?.id).toBe(GLOBEX.id);
  });

  it("refuses a domain another organization holds, and returns the one an organization has", () => {
    expect(() => addDomain(store, GLOBEX.id, "acme.test", { state: "verified" })).toThrow("An Organization with the domain acme.test already exists.");
    const own = store.organizationDomains.findBy("organization_id", ACME.id)[0]!;
    expect(addDomain(store, ACME.id, "acme.test", { state: "verified" }).id).toBe(own.id);
  });
});

describe("provisioning/memberships", () => {
  it("makes directory-managed memberships with custom attributes", () => {
    const { membership, outcome } = addMembership(store, { userId: CAROL.id, organizationId: ACME.id, directoryManaged: true, customAttributes: { department: "Ops" } });
    expect(outcome).toBe("created");
    expect(membership).toMatchObject({ status: "active", directory_managed: true, custom_attributes: { department: "Ops" }, role: "member" });
  });

  it("makes a pending membership (an invitation's), which sign-in does not see until it is activated", () => {
    const { membership } = addMembership(store, { userId: CAROL.id, organizationId: GLOBEX.id, status: "pending", roleSlug: "admin" });
    expect(store.membership(CAROL.id, GLOBEX.id)).toBeUndefined();
    expect(() => addMembership(store, { userId: CAROL.id, organizationId: GLOBEX.id })).toThrow(/pending/);
    expect(() => deactivateMembership(store, membership.id)).toThrow(/pending/);
    expect(() => reactivateMembership(store, membership.id)).toThrow(/pending/);
    activateMembership(store, membership.id);
    expect(store.membership(CAROL.id, GLOBEX.id)?.role).toBe("admin");
  });

  it("keeps Store.membership to active memberships: deactivated ones are out of sign-in and claims", () => {
    const bob = findMembership(store, BOB.id, ACME.id)!;
    deactivateMembership(store, bob.id);
    expect(store.membership(BOB.id, ACME.id)).toBeUndefined();
    expect(store.membershipsOf(BOB.id)).toEqual([]);
    const { membership, outcome } = addMembership(store, { userId: BOB.id, organizationId: ACME.id });
    expect([membership.id, outcome, membership.role]).toEqual([bob.id, "reactivated", "member"]);
    removeMembership(store, bob.id);
    expect(findMembership(store, BOB.id, ACME.id)).toBeUndefined();
  });

  it("is all or nothing: a refused add changes nothing", () => {
    const before = structuredClone(store.memberships.list());
    expect(() => addMembership(store, { userId: ALICE.id, organizationId: ACME.id })).toThrow();
    expect(() => addMembership(store, { userId: CAROL.id, organizationId: ACME.id, roleSlug: "owner" })).toThrow();
    expect(store.memberships.list()).toEqual(before);
  });
});
