import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import { LOOKUP_MIN_MS, LOOKUP_WINDOW_MS, LOOKUPS_IN_ALL, LOOKUPS_PER_DOMAIN, emailDomain } from "./sso";
import { identities, newConvexTest } from "./test.setup";

type DomainState = "verified" | "pending";
type Org = { id: string; domains: { domain: string; state: DomainState }[] };
type Connection = { id: string; organization_id: string; name: string; state: "draft" | "active" | "inactive" | "validating" };

const AT = "2026-01-01T00:00:00.000Z";

/**
 * WorkOS's `GET /organizations?domains=` (any organization with one of the domains, in any state,
 * as WorkOS answers) and `GET /connections?organization_id=`, behind a stubbed fetch.
 */
function stubWorkOS(orgs: Org[], connections: Connection[]) {
  const list = (data: unknown[]) => Response.json({ object: "list", data, list_metadata: { before: null, after: null } });
  let failing: number | null = null;
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    if (failing !== null) return Response.json({ message: "boom" }, { status: failing });
    if (url.pathname === "/organizations") {
      const wanted = (url.searchParams.get("domains") ?? "").split(",");
      return list(
        orgs
          .filter((o) => o.domains.some((d) => wanted.includes(d.domain)))
          .map((o) => ({
            object: "organization",
            id: o.id,
            name: o.id,
            allow_profiles_outside_organization: false,
            domains: o.domains.map((d, i) => ({ object: "organization_domain", id: `org_domain_${o.id}_${i}`, organization_id: o.id, verification_strategy: "manual", ...d })),
            external_id: null,
            metadata: {},
            created_at: AT,
            updated_at: AT,
          })),
      );
    }
    if (url.pathname === "/connections") {
      const orgId = url.searchParams.get("organization_id");
      return list(
        connections
          .filter((c) => c.organization_id === orgId)
          .map((c) => ({ object: "connection", ...c, connection_type: "OktaSAML", domains: [], created_at: AT, updated_at: AT })),
      );
    }
    return Response.json({ message: `no ${url.pathname}` }, { status: 404 });
  });
  vi.stubGlobal("fetch", fetch);
  return {
    fetch,
    /** Every request answers `status` until `null`. */
    fail: (status: number | null) => {
      failing = status;
    },
  };
}

const WORLD: [Org[], Connection[]] = [
  [
    { id: "org_acme", domains: [{ domain: "acme.test", state: "verified" }] },
    { id: "org_pending", domains: [{ domain: "pending.test", state: "pending" }] },
    { id: "org_globex", domains: [{ domain: "globex.test", state: "verified" }] },
    { id: "org_noconn", domains: [{ domain: "noconn.test", state: "verified" }] },
    { id: "org_draft", domains: [{ domain: "draft.test", state: "verified" }] },
    // Claims acme.test only as pending: it must never get Acme's people.
    { id: "org_squatter", domains: [{ domain: "acme.test", state: "pending" }] },
  ],
  [
    { id: "conn_acme", organization_id: "org_acme", name: "Acme Corp Okta", state: "active" },
    { id: "conn_pending", organization_id: "org_pending", name: "Pending SSO", state: "active" },
    { id: "conn_globex", organization_id: "org_globex", name: "Globex Entra", state: "active" },
    { id: "conn_draft", organization_id: "org_draft", name: "Draft SSO", state: "draft" },
    { id: "conn_squatter", organization_id: "org_squatter", name: "Squatter SSO", state: "active" },
  ],
];

function errorOf(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected the lookup to fail");
    },
    (error: { data?: { code: string; message: string } }) => error.data,
  );
}

beforeEach(() => {
  // Only the clock is fake (the rate limit's windows); the padding sleeps for real.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.parse("2026-03-01T10:00:05.000Z"));
  vi.stubEnv("WORKOS_API_KEY", "sk_test_sso_lookup");
  vi.stubEnv("WORKOS_API_URL", "");
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("SSO lookup by email domain", () => {
  test("an email at a domain verified by an organization with an active connection gets that organization", async () => {
    stubWorkOS(...WORLD);
    const t = newConvexTest();
    expect(await t.action(api.sso.lookup, { email: "  Pat@ACME.test " })).toEqual({ sso: true, organizationId: "org_acme" });
    expect(await t.action(api.sso.lookup, { email: "kim@globex.test" })).toEqual({ sso: true, organizationId: "org_globex" });
  });

  test("unknown, pending, no connection and draft connection all get the one uniform 'no SSO'", async () => {
    stubWorkOS(...WORLD);
    const t = newConvexTest();
    const answers = await Promise.all(
      ["a@unknown.test", "a@pending.test", "a@noconn.test", "a@draft.test"].map((email) => t.action(api.sso.lookup, { email })),
    );
    for (const answer of answers) expect(answer).toStrictEqual({ sso: false });
  });

  test("another organization's pending claim on a domain never routes its people there", async () => {
    const { fetch } = stubWorkOS(...WORLD);
    const t = newConvexTest();
    expect(await t.action(api.sso.lookup, { email: "pat@acme.test" })).toEqual({ sso: true, organizationId: "org_acme" });
    const asked = fetch.mock.calls.map(([u]) => new URL(String(u))).filter((u) => u.pathname === "/connections");
    expect(asked.map((u) => u.searchParams.get("organization_id"))).toEqual(["org_acme"]);
  });

  test("every answer takes at least the same minimum time, cached or not, SSO or not", async () => {
    stubWorkOS(...WORLD);
    const t = newConvexTest();
    for (const email of ["a@unknown.test", "a@acme.test", "a@acme.test", "a@unknown.test", "not an email"]) {
      const start = performance.now();
      await t.action(api.sso.lookup, { email }).catch(() => {});
      expect(performance.now() - start).toBeGreaterThanOrEqual(LOOKUP_MIN_MS - 5);
    }
  });

  test("answers are cached in Convex: a second lookup of a domain does not ask WorkOS", async () => {
    const { fetch } = stubWorkOS(...WORLD);
    const t = newConvexTest();
    await t.action(api.sso.lookup, { email: "a@acme.test" });
    await t.action(api.sso.lookup, { email: "b@unknown.test" });
    const before = fetch.mock.calls.length;
    expect(await t.action(api.sso.lookup, { email: "c@acme.test" })).toEqual({ sso: true, organizationId: "org_acme" });
    expect(await t.action(api.sso.lookup, { email: "d@unknown.test" })).toEqual({ sso: false });
    expect(fetch.mock.calls.length).toBe(before);
  });

  test("a failed lookup says so and can be tried again; the failure is not cached", async () => {
    const { fail } = stubWorkOS(...WORLD);
    const t = newConvexTest();
    fail(500);
    expect(await errorOf(t.action(api.sso.lookup, { email: "a@acme.test" }))).toEqual({
      code: "WORKOS_ERROR",
      message: "We couldn't check whether your email uses SSO just now. Try again in a moment.",
    });
    fail(null);
    expect(await t.action(api.sso.lookup, { email: "a@acme.test" })).toEqual({ sso: true, organizationId: "org_acme" });
  });

  test("something that is not an email is refused before any lookup", async () => {
    const { fetch } = stubWorkOS(...WORLD);
    const t = newConvexTest();
    expect((await errorOf(t.action(api.sso.lookup, { email: "acme.test" })))?.code).toBe("INVALID_ARGUMENT");
    expect(fetch).not.toHaveBeenCalled();
    expect(emailDomain("x@sub.Acme.test")).toBe("sub.acme.test");
    expect(emailDomain("x@localhost")).toBeNull();
  });

  test(`one domain is looked up at most ${LOOKUPS_PER_DOMAIN} times a minute, with a clear error; other domains still answer`, async () => {
    stubWorkOS(...WORLD);
    const t = newConvexTest();
    const results = await Promise.allSettled(
      Array.from({ length: LOOKUPS_PER_DOMAIN + 2 }, (_, i) => t.action(api.sso.lookup, { email: `u${i}@unknown.test` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(LOOKUPS_PER_DOMAIN);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(2);
    expect((refused[0]!.reason as { data: unknown }).data).toEqual({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/^Too many SSO lookups just now\. Wait \d+ seconds and try again\.$/),
    });
    expect(await t.action(api.sso.lookup, { email: "a@acme.test" })).toEqual({ sso: true, organizationId: "org_acme" });
    // The next window admits the domain again.
    vi.setSystemTime(Date.now() + LOOKUP_WINDOW_MS);
    expect(await t.action(api.sso.lookup, { email: "u@unknown.test" })).toEqual({ sso: false });
  });

  test(`all domains together are looked up at most ${LOOKUPS_IN_ALL} times a minute`, async () => {
    stubWorkOS(...WORLD);
    const t = newConvexTest();
    const now = Date.now();
    await t.run(async (ctx) => {
      await ctx.db.insert("ssoLookupWindows", { key: "*", windowStart: now - (now % LOOKUP_WINDOW_MS), count: LOOKUPS_IN_ALL });
    });
    expect((await errorOf(t.action(api.sso.lookup, { email: "a@acme.test" })))?.code).toBe("RATE_LIMITED");
  });
});

describe("the session's SSO connection", () => {
  test("is the active connection of the caller's organization", async () => {
    stubWorkOS(...WORLD);
    const t = newConvexTest();
    expect(await t.withIdentity(identities.bobAtAcme).action(api.sso.sessionConnection, {})).toEqual({
      id: "conn_acme",
      name: "Acme Corp Okta",
      type: "OktaSAML",
    });
    expect(await t.withIdentity(identities.carol).action(api.sso.sessionConnection, {})).toBeNull();
  });
});
