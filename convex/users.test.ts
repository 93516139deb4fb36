import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import { identities, newConvexTest } from "./test.setup";

describe("users.store", () => {
  test("refuses a signed-out caller", async () => {
    const t = newConvexTest();
    await expect(t.mutation(api.users.store, { email: "a@example.com" })).rejects.toThrow(/not signed in/);
    expect(await t.run((ctx) => ctx.db.query("users").collect())).toEqual([]);
  });

  test("creates the caller's row once and returns the same id on every call", async () => {
    const t = newConvexTest();
    const alice = t.withIdentity(identities.aliceAtAcme);
    const first = await alice.mutation(api.users.store, { email: "alice@example.com", name: "Alice Anderson" });
    const second = await alice.mutation(api.users.store, { email: "alice@example.com", name: "Alice Anderson" });
    expect(second).toBe(first);
    const rows = await t.run((ctx) => ctx.db.query("users").collect());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      tokenIdentifier: identities.aliceAtAcme.tokenIdentifier,
      subject: identities.aliceAtAcme.subject,
      email: "alice@example.com",
      name: "Alice Anderson",
    });
  });

  test("does not write when nothing changed, and updates a changed profile", async () => {
    const t = newConvexTest();
    const alice = t.withIdentity(identities.aliceAtAcme);
    await alice.mutation(api.users.store, { email: "alice@example.com", name: "Alice" });
    const before = await t.run((ctx) => ctx.db.query("users").unique());
    await alice.mutation(api.users.store, { email: "alice@example.com", name: "Alice" });
    const unchanged = await t.run((ctx) => ctx.db.query("users").unique());
    expect(unchanged?.updatedAt).toBe(before?.updatedAt);

    await alice.mutation(api.users.store, { email: "alice@example.com", name: "Alice Anderson" });
    const changed = await t.run((ctx) => ctx.db.query("users").unique());
    expect(changed?.name).toBe("Alice Anderson");
  });

  test("the same person in another organization is the same user", async () => {
    const t = newConvexTest();
    const a = await t.withIdentity(identities.aliceAtAcme).mutation(api.users.store, {});
    const b = await t.withIdentity(identities.aliceAtGlobex).mutation(api.users.store, {});
    expect(b).toBe(a);
  });

  test("signed token claims win over the profile the client reports", async () => {
    const t = newConvexTest();
    const withClaims = t.withIdentity({ ...identities.carol, email: "carol@example.com", name: "Carol Clark" });
    await withClaims.mutation(api.users.store, { email: "someone-else@example.com", name: "Mallory" });
    const row = await t.run((ctx) => ctx.db.query("users").unique());
    expect(row).toMatchObject({ email: "carol@example.com", name: "Carol Clark" });
  });

  test("rejects arguments of the wrong type or length", async () => {
    const t = newConvexTest();
    const alice = t.withIdentity(identities.aliceAtAcme);
    // @ts-expect-error the validator, not the type checker, is under test
    await expect(alice.mutation(api.users.store, { email: 42 })).rejects.toThrow(/Validator|validator|email/);
    // @ts-expect-error unknown fields are refused too
    await expect(alice.mutation(api.users.store, { admin: true })).rejects.toThrow(/Validator error/);
    await expect(alice.mutation(api.users.store, { name: "x".repeat(321) })).rejects.toThrow(/too long/);
  });
});

describe("users.me", () => {
  test("refuses a signed-out caller", async () => {
    const t = newConvexTest();
    await expect(t.query(api.users.me, {})).rejects.toThrow(/not signed in/);
  });

  test("returns the session claims before the row exists, and the row after store", async () => {
    const t = newConvexTest();
    const bob = t.withIdentity(identities.bobAtAcme);
    expect(await bob.query(api.users.me, {})).toMatchObject({
      user: null,
      subject: identities.bobAtAcme.subject,
      orgId: "org_acme",
      role: "member",
      permissions: ["notes:read", "notes:write"],
    });
    await bob.mutation(api.users.store, { email: "bob@example.com", name: "Bob Brown" });
    const me = await bob.query(api.users.me, {});
    expect(me.user).toMatchObject({ email: "bob@example.com", name: "Bob Brown" });
  });

  test("only ever returns the caller's own row", async () => {
    const t = newConvexTest();
    await t.withIdentity(identities.aliceAtAcme).mutation(api.users.store, { email: "alice@example.com" });
    const bobView = await t.withIdentity(identities.bobAtAcme).query(api.users.me, {});
    expect(bobView.user).toBeNull();
  });

  test("a user without an organization has no org, role or permissions", async () => {
    const t = newConvexTest();
    expect(await t.withIdentity(identities.carol).query(api.users.me, {})).toMatchObject({
      orgId: null,
      role: null,
      permissions: [],
    });
  });
});

describe("users.store and organizations", () => {
  test("remembers each organization the user has signed in to, once", async () => {
    const t = newConvexTest();
    await t.withIdentity(identities.aliceAtAcme).mutation(api.users.store, {});
    await t.withIdentity(identities.aliceAtGlobex).mutation(api.users.store, {});
    await t.withIdentity(identities.aliceAtAcme).mutation(api.users.store, {});
    const me = await t.withIdentity(identities.aliceAtAcme).query(api.users.me, {});
    expect(me.user?.organizationIds).toEqual(["org_acme", "org_globex"]);
  });
});
