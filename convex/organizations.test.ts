import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { NAME_MAX_AGE_MS, RETRY_AFTER_MS } from "./organizations";
import { identities, newConvexTest } from "./test.setup";

const API_KEY = `sk_test_${"convex".repeat(3)}`;

/** A WorkOS-like `GET /organizations/<id>` behind a stubbed fetch. */
function stubWorkOS(names: Record<string, string>) {
  const fetch = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const id = String(input).split("/").pop()!;
    const name = names[id];
    const at = new Date().toISOString();
    return name === undefined
      ? Response.json({ message: "Organization not found", code: "entity_not_found" }, { status: 404 })
      : Response.json({ object: "organization", id, name, domains: [], created_at: at, updated_at: at });
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

/** Runs `users.store` as `identity` and then the fetch it scheduled, if any. */
async function signIn(t: ReturnType<typeof newConvexTest>, identity: (typeof identities)[keyof typeof identities]) {
  await t.withIdentity(identity).mutation(api.users.store, {});
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}

let log: ReturnType<typeof vi.spyOn>;
let errors: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  vi.useFakeTimers();
  vi.stubEnv("WORKOS_API_KEY", API_KEY);
  vi.stubEnv("WORKOS_API_URL", "");
  log = vi.spyOn(console, "log").mockImplementation(() => {});
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("organization names", () => {
  test("users.store fetches the token's organization name from WorkOS with the API key, and users.me returns it", async () => {
    const fetch = stubWorkOS({ org_acme: "Acme Corp" });
    const t = newConvexTest();
    const alice = t.withIdentity(identities.aliceAtAcme);
    await alice.mutation(api.users.store, {});
    expect((await alice.query(api.users.me, {})).organizations).toEqual([{ id: "org_acme", name: null }]);

    await t.finishAllScheduledFunctions(vi.runAllTimers);
    // Through the WorkOS SDK, with the deployment's key.
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe("https://api.workos.com/organizations/org_acme");
    expect(new Headers(init?.headers).get("authorization")).toBe(`Bearer ${API_KEY}`);
    expect(new Headers(init?.headers).get("user-agent")).toMatch(/^workos-node\//);
    const me = await alice.query(api.users.me, {});
    expect(me.organizations).toEqual([{ id: "org_acme", name: "Acme Corp" }]);
    // What it returned before is still there.
    expect(me).toMatchObject({ orgId: "org_acme", role: "admin", user: { organizationIds: ["org_acme"] } });
  });

  test("asks the WORKOS_API_URL that auth.config.ts uses (a custom domain or the local AuthKit)", async () => {
    vi.stubEnv("WORKOS_API_URL", "http://localhost:4100/");
    const fetch = stubWorkOS({ org_acme: "Acme Corp" });
    const t = newConvexTest();
    await signIn(t, identities.aliceAtAcme);
    expect(String(fetch.mock.calls[0]![0])).toBe("http://localhost:4100/organizations/org_acme");
  });

  test("lists a name for each of the user's organizations, and only the user's", async () => {
    stubWorkOS({ org_acme: "Acme Corp", org_globex: "Globex" });
    const t = newConvexTest();
    await signIn(t, identities.aliceAtAcme);
    await signIn(t, identities.aliceAtGlobex);
    await signIn(t, identities.bobAtAcme);
    expect((await t.withIdentity(identities.aliceAtGlobex).query(api.users.me, {})).organizations).toEqual([
      { id: "org_acme", name: "Acme Corp" },
      { id: "org_globex", name: "Globex" },
    ]);
    expect((await t.withIdentity(identities.bobAtAcme).query(api.users.me, {})).organizations).toEqual([
      { id: "org_acme", name: "Acme Corp" },
    ]);
    expect((await t.withIdentity(identities.carol).query(api.users.me, {})).organizations).toEqual([]);
  });

  test("a signed-out caller can neither trigger a fetch nor read names", async () => {
    const fetch = stubWorkOS({ org_acme: "Acme Corp" });
    const t = newConvexTest();
    await expect(t.mutation(api.users.store, {})).rejects.toThrow(/not signed in/);
    await expect(t.query(api.users.me, {})).rejects.toThrow(/not signed in/);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(fetch).not.toHaveBeenCalled();
  });

  test("a known name is not fetched again within a day, and refreshed after it", async () => {
    const fetch = stubWorkOS({ org_acme: "Acme Corp" });
    const t = newConvexTest();
    await signIn(t, identities.aliceAtAcme);
    await signIn(t, identities.bobAtAcme);
    expect(fetch).toHaveBeenCalledTimes(1);

    stubWorkOS({ org_acme: "Acme Corporation" });
    vi.advanceTimersByTime(NAME_MAX_AGE_MS + 1);
    await signIn(t, identities.bobAtAcme);
    expect((await t.withIdentity(identities.bobAtAcme).query(api.users.me, {})).organizations).toEqual([
      { id: "org_acme", name: "Acme Corporation" },
    ]);
  });

  test("without WORKOS_API_KEY nothing is fetched, one line says why, and names stay unknown", async () => {
    vi.stubEnv("WORKOS_API_KEY", "");
    const fetch = stubWorkOS({ org_acme: "Acme Corp" });
    const t = newConvexTest();
    await signIn(t, identities.aliceAtAcme);
    expect(fetch).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/^WORKOS_API_KEY is not set in this Convex deployment/));
    expect((await t.withIdentity(identities.aliceAtAcme).query(api.users.me, {})).organizations).toEqual([
      { id: "org_acme", name: null },
    ]);
  });

  test.each([
    ["a network error", () => Promise.reject(new TypeError("fetch failed"))],
    ["a refused key", async () => Response.json({ message: "Unauthorized", code: "unauthorized" }, { status: 401 })],
    ["a server error", async () => new Response("oops", { status: 500 })],
    ["an answer without a name", async () => Response.json({ id: "org_acme" })],
  ])("%s is logged, not thrown, and not retried on every sign-in", async (_, answer) => {
    const fetch = vi.fn(answer);
    vi.stubGlobal("fetch", fetch);
    const t = newConvexTest();
    await signIn(t, identities.aliceAtAcme);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toContain("/organizations/org_acme");
    expect(String(errors.mock.calls[0]![0])).not.toContain(API_KEY);
    await signIn(t, identities.aliceAtAcme);
    await signIn(t, identities.bobAtAcme);
    expect(fetch).toHaveBeenCalledTimes(1);

    // After the pause, a later sign-in tries again.
    stubWorkOS({ org_acme: "Acme Corp" });
    vi.advanceTimersByTime(RETRY_AFTER_MS + 1);
    await signIn(t, identities.aliceAtAcme);
    expect((await t.withIdentity(identities.aliceAtAcme).query(api.users.me, {})).organizations).toEqual([
      { id: "org_acme", name: "Acme Corp" },
    ]);
  });

  test("an org_id that is not a WorkOS organization id never becomes part of a URL", async () => {
    const fetch = stubWorkOS({});
    const t = newConvexTest();
    for (const org_id of ["org_../../user_management/users", "../sso/jwks", "org_acme?x=1", "org_"]) {
      await signIn(t, { ...identities.aliceAtAcme, org_id });
      await t.action(internal.organizations.fetchName, { organizationId: org_id });
    }
    expect(fetch).not.toHaveBeenCalled();
    expect(await t.run((ctx) => ctx.db.query("organizations").collect())).toEqual([]);
  });
});
