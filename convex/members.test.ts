import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { ACME, ALICE, BOB, GLOBEX } from "../emulators/authkit/demo-world";
import { api, internal } from "./_generated/api";
import { identities, newConvexTest } from "./test.setup";
import { fakeWorkOS, type FakeWorkOS } from "./workos/fake.setup";

const ALICE_AT_ACME = ALICE.memberships[0]!.id;
const BOB_AT_ACME = BOB.memberships[0]!.id;

/** The demo world in the fake WorkOS, mirrored into Convex by the backfill. */
async function demoWorld() {
  const workos = fakeWorkOS();
  workos.addOrganization(ACME);
  workos.addOrganization(GLOBEX);
  for (const user of [ALICE, BOB]) {
    workos.addUser({ id: user.id, email: user.email, first_name: user.first_name, last_name: user.last_name });
    for (const m of user.memberships) workos.addMembership({ id: m.id, userId: user.id, organizationId: m.organization_id, role: m.role });
  }
  const t = newConvexTest();
  await t.action(internal.workos.backfill.run, {});
  return { t, workos };
}

beforeEach(() => {
  vi.stubEnv("WORKOS_API_KEY", "sk_test_members");
  vi.stubEnv("WORKOS_API_URL", "");
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("backfill", () => {
  test("pages WorkOS's lists into the mirror, and running it again changes nothing", async () => {
    const { t } = await demoWorld();
    const count = async () => ({
      organizations: (await t.run((ctx) => ctx.db.query("organizations").collect())).length,
      memberships: (await t.run((ctx) => ctx.db.query("memberships").collect())).length,
      users: (await t.run((ctx) => ctx.db.query("workosUsers").collect())).length,
      roles: (await t.run((ctx) => ctx.db.query("roles").collect())).length,
    });
    expect(await count()).toEqual({ organizations: 2, memberships: 3, users: 2, roles: 2 });
    expect(await t.action(internal.workos.backfill.run, {})).toEqual({ organizations: 2, memberships: 3, invitations: 0, users: 3 });
    expect(await count()).toEqual({ organizations: 2, memberships: 3, users: 2, roles: 2 });
  });
});

describe("members.list", () => {
  test("every member of the organization sees its members, admins first", async () => {
    const { t } = await demoWorld();
    for (const who of [identities.aliceAtAcme, identities.bobAtAcme]) {
      expect(await t.withIdentity(who).query(api.members.list, {})).toEqual([
        { membershipId: ALICE_AT_ACME, userId: ALICE.id, name: "Alice Anderson", email: ALICE.email, role: "admin", status: "active", directoryManaged: false, isYou: who === identities.aliceAtAcme },
        { membershipId: BOB_AT_ACME, userId: BOB.id, name: "Bob Brown", email: BOB.email, role: "member", status: "active", directoryManaged: false, isYou: who === identities.bobAtAcme },
      ]);
    }
  });

  test("anonymous and outsiders are refused; a session in another organization sees that one's", async () => {
    const { t } = await demoWorld();
    await expect(t.query(api.members.list, {})).rejects.toThrow(/not signed in/);
    await expect(t.withIdentity(identities.carol).query(api.members.list, {})).rejects.toThrow(/needs an organization/);
    // A forged org_id claim for an organization Carol is not in: the mirror has no membership for
    // her there, but it knows the organization's members, so she is not one of them.
    const globex = await t.withIdentity(identities.aliceAtGlobex).query(api.members.list, {});
    expect(globex.map((m) => m.email)).toEqual([ALICE.email]);
  });
});

describe("members.roles", () => {
  test("managers get the roles they can give: admin first, the mirrored ones and those members hold", async () => {
    const { t } = await demoWorld();
    await t.run(async (ctx) => {
      await ctx.db.insert("roles", { slug: "billing", organizationId: ACME.id, permissions: [], updatedAt: 1 });
      await ctx.db.insert("roles", { slug: "globex-only", organizationId: GLOBEX.id, permissions: [], updatedAt: 1 });
      await ctx.db.insert("roles", { slug: "retired", permissions: [], updatedAt: 1, deletedAt: 2 });
    });
    expect(await t.withIdentity(identities.aliceAtAcme).query(api.members.roles, {})).toEqual(["admin", "billing", "member"]);
  });

  test("WorkOS's admin and default roles are offered before the mirror has read any role", async () => {
    const t = newConvexTest();
    expect(await t.withIdentity(identities.aliceAtAcme).query(api.members.roles, {})).toEqual(["admin", "member"]);
  });

  test("members without members:manage, outsiders and anonymous callers are refused", async () => {
    const { t } = await demoWorld();
    await expect(t.withIdentity(identities.bobAtAcme).query(api.members.roles, {})).rejects.toThrow(/members:manage/);
    await expect(t.withIdentity(identities.carol).query(api.members.roles, {})).rejects.toThrow(/needs an organization/);
    await expect(t.query(api.members.roles, {})).rejects.toThrow(/not signed in/);
  });
});

describe("members.changeRole and members.remove", () => {
  test("need members:manage, checked on the server", async () => {
    const { t, workos } = await demoWorld();
    const bob = t.withIdentity(identities.bobAtAcme);
    await expect(bob.action(api.members.changeRole, { membershipId: ALICE_AT_ACME, role: "member" })).rejects.toThrow(/members:manage/);
    await expect(bob.action(api.members.remove, { membershipId: ALICE_AT_ACME })).rejects.toThrow(/members:manage/);
    await expect(t.action(api.members.remove, { membershipId: ALICE_AT_ACME })).rejects.toThrow(/not signed in/);
    await expect(t.withIdentity(identities.carol).action(api.members.remove, { membershipId: BOB_AT_ACME })).rejects.toThrow(/needs an organization/);
    expect(workos.calls.filter((c) => c.method !== "GET")).toEqual([]);
  });

  test("a manager changes a role: WorkOS and the mirror change at once, and so does the member's access", async () => {
    const { t, workos } = await demoWorld();
    const alice = t.withIdentity(identities.aliceAtAcme);
    await alice.action(api.members.changeRole, { membershipId: BOB_AT_ACME, role: "admin" });
    expect(workos.memberships.get(BOB_AT_ACME)!.role.slug).toBe("admin");
    expect((await alice.query(api.members.list, {})).map((m) => [m.email, m.role])).toEqual([
      [ALICE.email, "admin"],
      [BOB.email, "admin"],
    ]);
    // Bob's token still says member; the mirror says admin.
    expect(await t.withIdentity(identities.bobAtAcme).query(api.users.me, {})).toMatchObject({ role: "admin", permissions: expect.arrayContaining(["members:manage"]) });
  });

  test("nobody demotes or removes the last admin, themselves included", async () => {
    const { t, workos } = await demoWorld();
    const alice = t.withIdentity(identities.aliceAtAcme);
    const refusal = (p: Promise<unknown>) => p.catch((e: { data?: unknown }) => e.data);
    expect(await refusal(alice.action(api.members.changeRole, { membershipId: ALICE_AT_ACME, role: "member" }))).toMatchObject({
      code: "LAST_ADMIN",
      message: expect.stringContaining("only admin"),
    });
    expect(await refusal(alice.action(api.members.remove, { membershipId: ALICE_AT_ACME }))).toMatchObject({ code: "LAST_ADMIN" });
    expect(workos.memberships.get(ALICE_AT_ACME)!.role.slug).toBe("admin");

    // With a second admin, she may step down.
    await alice.action(api.members.changeRole, { membershipId: BOB_AT_ACME, role: "admin" });
    await alice.action(api.members.changeRole, { membershipId: ALICE_AT_ACME, role: "member" });
    expect(workos.memberships.get(ALICE_AT_ACME)!.role.slug).toBe("member");
  });

  test("a removed member loses access on their next query, with NOT_A_MEMBER", async () => {
    const { t, workos } = await demoWorld();
    const bob = t.withIdentity(identities.bobAtAcme);
    await bob.mutation(api.notes.add, { text: "bob's" });
    await t.withIdentity(identities.aliceAtAcme).action(api.members.remove, { membershipId: BOB_AT_ACME });
    expect(workos.memberships.has(BOB_AT_ACME)).toBe(false);
    const error: unknown = await bob.query(api.members.list, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { code: "NOT_A_MEMBER" } });
    await expect(bob.query(api.notes.list, { paginationOpts: { numItems: 5, cursor: null } })).rejects.toThrow(/no longer a member of Acme Corp/);
    await expect(bob.action(api.members.remove, { membershipId: ALICE_AT_ACME })).rejects.toThrow(/no longer a member/);
    expect((await t.withIdentity(identities.aliceAtAcme).query(api.members.list, {})).map((m) => m.email)).toEqual([ALICE.email]);
    // users.me still answers (the app needs it to say so), with the sentence for the page.
    expect(await bob.query(api.users.me, {})).toMatchObject({
      orgId: ACME.id,
      role: null,
      permissions: [],
      accessProblem: expect.stringContaining("no longer a member of Acme Corp"),
    });
    expect(await t.withIdentity(identities.aliceAtAcme).query(api.users.me, {})).toMatchObject({ accessProblem: null });
  });

  test("a membership of another organization is not found, and nothing is changed", async () => {
    const { t, workos } = await demoWorld();
    const aliceAtGlobex = GLOBEX && ALICE.memberships[1]!.id;
    await expect(
      t.withIdentity(identities.aliceAtAcme).action(api.members.remove, { membershipId: aliceAtGlobex }),
    ).rejects.toThrow(/not in your organization/);
    expect(workos.memberships.has(aliceAtGlobex)).toBe(true);
  });

  test("a WorkOS failure reaches the user as a sentence", async () => {
    const { t, workos }: { t: ReturnType<typeof newConvexTest>; workos: FakeWorkOS } = await demoWorld();
    workos.failNext("PUT", /organization_memberships/, 422, { code: "invalid_role", message: "Invalid role" });
    const error: unknown = await t
      .withIdentity(identities.aliceAtAcme)
      .action(api.members.changeRole, { membershipId: BOB_AT_ACME, role: "owner" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { code: "WORKOS_ERROR", message: 'Acme Corp has no role "owner". Pick one of its roles.' } });
  });
});

describe("organizations.create", () => {
  test("creates the organization in WorkOS with the creator as admin, mirrored at once", async () => {
    const { t, workos } = await demoWorld();
    const carol = t.withIdentity(identities.carol);
    const { organizationId } = await carol.action(api.organizations.create, { name: "  Initech  " });
    expect(workos.orgs.get(organizationId)!.name).toBe("Initech");
    expect([...workos.memberships.values()].find((m) => m.organization_id === organizationId)).toMatchObject({
      user_id: identities.carol.subject,
      role: { slug: "admin" },
    });
    const atInitech = t.withIdentity({ ...identities.carol, org_id: organizationId, role: "admin", permissions: ["members:manage"] });
    expect((await atInitech.query(api.members.list, {})).map((m) => [m.userId, m.role])).toEqual([[identities.carol.subject, "admin"]]);
    expect((await carol.query(api.users.me, {})).organizations).toEqual([{ id: organizationId, name: "Initech" }]);
  });

  test("refuses anonymous callers and empty names; an API key never reaches the caller", async () => {
    const { t, workos } = await demoWorld();
    await expect(t.action(api.organizations.create, { name: "X" })).rejects.toThrow(/not signed in/);
    await expect(t.withIdentity(identities.carol).action(api.organizations.create, { name: " " })).rejects.toThrow(/needs a name/);
    workos.failNext("POST", /^\/organizations$/, 401, { message: "Unauthorized" });
    const error: unknown = await t.withIdentity(identities.carol).action(api.organizations.create, { name: "Y" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { code: "WORKOS_ERROR" } });
    expect(JSON.stringify((error as { data: unknown }).data)).not.toContain("sk_test");
  });

  test("without WORKOS_API_KEY: WORKOS_NOT_CONFIGURED, and the log names the variable", async () => {
    vi.stubEnv("WORKOS_API_KEY", "");
    const t = newConvexTest();
    await expect(t.withIdentity(identities.carol).action(api.organizations.create, { name: "Z" })).rejects.toThrow(/not connected to WorkOS/);
    expect(console.error).toHaveBeenCalledWith(expect.stringMatching(/^WORKOS_API_KEY is not set/));
  });

  test("talks to the WORKOS_API_URL host, port and scheme (the local AuthKit)", async () => {
    vi.stubEnv("WORKOS_API_URL", "http://localhost:4100");
    const workos = fakeWorkOS({ apiUrl: "http://localhost:4100" });
    const t = newConvexTest();
    await t.withIdentity(identities.carol).action(api.organizations.create, { name: "Local" });
    expect(workos.fetch.mock.calls.every(([url]) => String(url).startsWith("http://localhost:4100/"))).toBe(true);
    expect(workos.calls[0]).toMatchObject({ method: "POST", path: "/organizations", authorization: "Bearer sk_test_members" });
  });
});
