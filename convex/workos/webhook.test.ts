import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { ACME, ALICE, BOB } from "../../emulators/authkit/demo-world";
import { api } from "../_generated/api";
import { identities, newConvexTest } from "../test.setup";
import { computeSignature } from "./signature";

const SECRET = "whsec_convex_test";
type T = ReturnType<typeof newConvexTest>;

let seq = 0;
function event(name: string, data: Record<string, unknown>, id = `event_${++seq}`) {
  return { id, event: name, data, created_at: new Date().toISOString() };
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();

function bobsMembership(role: string, minute: number, status = "active") {
  return {
    object: "organization_membership",
    id: BOB.memberships[0]!.id,
    user_id: BOB.id,
    organization_id: ACME.id,
    status,
    role: { slug: role },
    directory_managed: false,
    created_at: at(0),
    updated_at: at(minute),
  };
}

/** POSTs `body` to /workos/webhook as WorkOS would, signed unless told otherwise. */
async function deliver(t: T, body: unknown, options: { raw?: string; signedAt?: number; secret?: string; header?: string | null } = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  const ts = String(options.signedAt ?? Date.now());
  const header =
    options.header !== undefined ? options.header : `t=${ts}, v1=${await computeSignature(ts, raw, options.secret ?? SECRET)}`;
  return await t.fetch("/workos/webhook", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(header !== null && { "WorkOS-Signature": header }) },
    body: raw,
  });
}

const mirrored = (t: T) => t.run((ctx) => ctx.db.query("memberships").collect());

let logs: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  vi.stubEnv("WORKOS_WEBHOOK_SECRET", SECRET);
  logs = vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("POST /workos/webhook: deliveries", () => {
  test("a valid delivery is applied and answered 200", async () => {
    const t = newConvexTest();
    const response = await deliver(t, event("organization_membership.created", bobsMembership("member", 1)));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: "applied" });
    expect(await mirrored(t)).toMatchObject([{ workosId: BOB.memberships[0]!.id, userId: BOB.id, role: "member", status: "active" }]);
  });

  test("the raw body is verified as received: whitespace and escapes WorkOS may send still verify", async () => {
    const t = newConvexTest();
    const raw = JSON.stringify(event("organization.updated", { object: "organization", id: ACME.id, name: "Acme <Corp>", created_at: at(0), updated_at: at(1) }), null, 2).replace("<", "\\u003c");
    expect((await deliver(t, null, { raw })).status).toBe(200);
    expect(await t.run((ctx) => ctx.db.query("organizations").collect())).toMatchObject([{ name: "Acme <Corp>" }]);
  });

  test.each([
    ["tampered", async (t: T) => deliver(t, null, { raw: JSON.stringify(event("user.created", {})), header: `t=${Date.now()}, v1=${"0".repeat(64)}` })],
    ["signed with another secret", async (t: T) => deliver(t, event("organization_membership.created", bobsMembership("admin", 1)), { secret: "guess" })],
    ["stale (over 3 minutes old)", async (t: T) => deliver(t, event("organization_membership.created", bobsMembership("admin", 1)), { signedAt: Date.now() - 3 * 60_000 - 1 })],
    ["unsigned", async (t: T) => deliver(t, event("organization_membership.created", bobsMembership("admin", 1)), { header: null })],
  ])("a %s delivery gets 401 and writes nothing", async (_, send) => {
    const t = newConvexTest();
    expect((await send(t)).status).toBe(401);
    expect(await mirrored(t)).toEqual([]);
    expect(await t.run((ctx) => ctx.db.query("workosEvents").collect())).toEqual([]);
  });

  test("a body changed after signing gets 401", async () => {
    const t = newConvexTest();
    const raw = JSON.stringify(event("organization_membership.created", bobsMembership("member", 1)));
    const ts = String(Date.now());
    const header = `t=${ts}, v1=${await computeSignature(ts, raw, SECRET)}`;
    expect((await deliver(t, null, { raw: raw.replace('"member"', '"admin"'), header })).status).toBe(401);
    expect(await mirrored(t)).toEqual([]);
  });

  test("without WORKOS_WEBHOOK_SECRET every delivery is refused, with a log line saying what to set", async () => {
    vi.stubEnv("WORKOS_WEBHOOK_SECRET", "");
    const t = newConvexTest();
    expect((await deliver(t, event("user.created", {}))).status).toBe(500);
    expect(console.error).toHaveBeenCalledWith(expect.stringMatching(/^WORKOS_WEBHOOK_SECRET is not set/));
  });

  test("a replayed delivery (same event id) is answered 200 and changes nothing", async () => {
    const t = newConvexTest();
    const created = event("organization_membership.created", bobsMembership("member", 1));
    await deliver(t, created);
    await t.run(async (ctx) => {
      const row = (await ctx.db.query("memberships").unique())!;
      await ctx.db.patch("memberships", row._id, { role: "changed meanwhile" });
    });
    const again = await deliver(t, created);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ outcome: "duplicate" });
    expect(await mirrored(t)).toMatchObject([{ role: "changed meanwhile" }]);
  });

  test("an event type the mirror does not follow is answered 200, ignored and logged", async () => {
    const t = newConvexTest();
    const response = await deliver(t, event("session.created", { id: "session_1" }));
    expect(await response.json()).toEqual({ outcome: "ignored" });
    expect(logs).toHaveBeenCalledWith(expect.stringMatching(/ignored session\.created/));
  });

  test("a signed body that is not an event gets 400; one whose data the mirror cannot read gets 422 and is not recorded", async () => {
    const t = newConvexTest();
    expect((await deliver(t, { hello: "world" })).status).toBe(400);
    const broken = event("organization_membership.created", { id: "om_x" });
    expect((await deliver(t, broken)).status).toBe(422);
    expect(await t.run((ctx) => ctx.db.query("workosEvents").collect())).toEqual([]);
  });
});

describe("POST /workos/webhook: order", () => {
  test("an older update arriving after a newer one is skipped", async () => {
    const t = newConvexTest();
    await deliver(t, event("organization_membership.updated", bobsMembership("admin", 5)));
    const late = await deliver(t, event("organization_membership.created", bobsMembership("member", 1)));
    expect(await late.json()).toEqual({ outcome: "stale" });
    expect(await mirrored(t)).toMatchObject([{ role: "admin", updatedAt: Date.parse(at(5)) }]);
  });

  test("after a delete, a late update does not bring the membership back", async () => {
    const t = newConvexTest();
    await deliver(t, event("organization_membership.deleted", bobsMembership("member", 3)));
    await deliver(t, event("organization_membership.updated", bobsMembership("admin", 2)));
    await deliver(t, event("organization_membership.created", bobsMembership("member", 1)));
    const [row] = await mirrored(t);
    expect(row).toMatchObject({ role: "member", updatedAt: Date.parse(at(3)) });
    expect(row!.deletedAt).toBeDefined();
  });
});

describe("POST /workos/webhook: access follows the mirror", () => {
  test("a removed member loses the organization's notes on their next query, with NOT_A_MEMBER", async () => {
    const t = newConvexTest();
    const bob = t.withIdentity(identities.bobAtAcme);
    await deliver(t, event("organization.created", { object: "organization", id: ACME.id, name: ACME.name, created_at: at(0), updated_at: at(0) }));
    await deliver(t, event("organization_membership.created", bobsMembership("member", 1)));
    await bob.mutation(api.notes.add, { text: "bob's" });
    await deliver(t, event("organization_membership.deleted", bobsMembership("member", 2)));

    const error: unknown = await bob.query(api.notes.list, { paginationOpts: { numItems: 10, cursor: null } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { code: "NOT_A_MEMBER", message: expect.stringContaining("no longer a member of Acme Corp") } });
    await expect(bob.mutation(api.notes.add, { text: "again" })).rejects.toThrow(/no longer a member/);
    // Alice, still a member, is unaffected; Bob's role and permissions read as none.
    expect(await t.withIdentity(identities.aliceAtAcme).query(api.notes.list, { paginationOpts: { numItems: 10, cursor: null } })).toMatchObject({ page: [{ text: "bob's" }] });
    expect(await bob.query(api.users.me, {})).toMatchObject({ orgId: ACME.id, role: null, permissions: [] });
  });

  test("a deactivated member is refused too", async () => {
    const t = newConvexTest();
    await deliver(t, event("organization_membership.updated", bobsMembership("member", 1, "inactive")));
    await expect(t.withIdentity(identities.bobAtAcme).query(api.notes.list, { paginationOpts: { numItems: 10, cursor: null } })).rejects.toThrow(/deactivated/);
  });

  test("a role change takes effect at once, before the member's token is refreshed", async () => {
    const t = newConvexTest();
    const role = (slug: string, permissions: string[]) =>
      event("role.created", { object: "role", slug, permissions, created_at: at(0), updated_at: at(0) });
    await deliver(t, role("admin", ["notes:read", "notes:write", "notes:delete", "members:manage"]));
    await deliver(t, role("member", ["notes:read", "notes:write"]));
    const alicesMembership = { ...bobsMembership("admin", 1), id: ALICE.memberships[0]!.id, user_id: ALICE.id };
    await deliver(t, event("organization_membership.created", alicesMembership));
    const alice = t.withIdentity(identities.aliceAtAcme); // her token still says admin
    expect(await alice.query(api.users.me, {})).toMatchObject({ role: "admin", permissions: expect.arrayContaining(["notes:delete"]) });

    await deliver(t, event("organization_membership.updated", { ...alicesMembership, role: { slug: "member" }, updated_at: at(2) }));
    expect(await alice.query(api.users.me, {})).toMatchObject({ role: "member", permissions: ["notes:read", "notes:write"] });
    const bobs = await t.withIdentity(identities.bobAtAcme).mutation(api.notes.add, { text: "bob's" });
    await expect(alice.mutation(api.notes.remove, { noteId: bobs })).rejects.toThrow(/notes:delete/);
  });
});
