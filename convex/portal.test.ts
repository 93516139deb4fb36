import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { ACME, ALICE, BOB } from "../emulators/authkit/demo-world";
import { api, internal } from "./_generated/api";
import { allowedReturnOrigin } from "./portal";
import { identities, newConvexTest } from "./test.setup";

const t0 = Date.parse("2026-01-01T00:00:00.000Z");
const membership = (user: typeof ALICE, role: string) => ({
  workosId: user.memberships[0]!.id,
  userId: user.id,
  organizationId: ACME.id,
  role,
  status: "active" as const,
  directoryManaged: false,
  updatedAt: t0,
});

/** Acme in the mirror: Alice its admin, Bob a member, and the demo world's roles. */
async function acme() {
  const t = newConvexTest();
  await t.mutation(internal.workos.mirror.write, {
    organizations: [{ workosId: ACME.id, name: ACME.name, updatedAt: t0 }],
    memberships: [membership(ALICE, "admin"), membership(BOB, "member")],
    roles: [
      { slug: "admin", permissions: ["notes:read", "notes:write", "members:manage"], updatedAt: t0 },
      { slug: "member", permissions: ["notes:read", "notes:write"], updatedAt: t0 },
    ],
  });
  return t;
}

let calls: { url: string; body: Record<string, unknown> }[];
beforeEach(() => {
  calls = [];
  vi.stubEnv("WORKOS_API_KEY", "sk_test_portal");
  vi.stubEnv("WORKOS_API_URL", "");
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    calls.push({ url, body: JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown> });
    return Response.json({ link: "https://portal.example/portal/one-time" }, { status: 201 });
  });
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("portal.generateLink", () => {
  test("an admin of the organization gets a link for the intent, returning to the settings page", async () => {
    const t = await acme();
    const link = await t.withIdentity(identities.aliceAtAcme).action(api.portal.generateLink, { intent: "dsync", appOrigin: "http://localhost:5173" });
    expect(link).toBe("https://portal.example/portal/one-time");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe("https://api.workos.com/portal/generate_link");
    expect(calls[0]!.body).toMatchObject({
      organization: ACME.id,
      intent: "dsync",
      return_url: "http://localhost:5173/app/organization",
      success_url: "http://localhost:5173/app/organization",
    });
  });

  test("a member without members:manage is refused, and WorkOS is never asked", async () => {
    const t = await acme();
    await expect(t.withIdentity(identities.bobAtAcme).action(api.portal.generateLink, { intent: "sso", appOrigin: "http://localhost:5173" })).rejects.toThrow(
      /members:manage/,
    );
    expect(calls).toHaveLength(0);
  });

  test("an admin the mirror says was removed is refused, whatever the token says", async () => {
    const t = await acme();
    await t.mutation(internal.workos.mirror.write, { deletedMemberships: [{ ...membership(ALICE, "admin"), updatedAt: t0 + 1 }] });
    await expect(
      t.withIdentity(identities.aliceAtAcme).action(api.portal.generateLink, { intent: "domain_verification", appOrigin: "http://localhost:5173" }),
    ).rejects.toThrow(/no longer a member/);
    expect(calls).toHaveLength(0);
  });

  test("an origin outside APP_ORIGINS (or, without it, not loopback) is refused", async () => {
    const t = await acme();
    const alice = t.withIdentity(identities.aliceAtAcme);
    await expect(alice.action(api.portal.generateLink, { intent: "sso", appOrigin: "https://evil.example" })).rejects.toThrow(/address is not one/);
    vi.stubEnv("APP_ORIGINS", "https://app.example.com, https://staging.example.com/");
    await expect(alice.action(api.portal.generateLink, { intent: "sso", appOrigin: "http://localhost:5173" })).rejects.toThrow(/address is not one/);
    await alice.action(api.portal.generateLink, { intent: "sso", appOrigin: "https://staging.example.com" });
    expect(calls.map((c) => c.body.return_url)).toEqual(["https://staging.example.com/app/organization"]);
  });
});

describe("allowedReturnOrigin", () => {
  test.each([
    ["http://localhost:5173", [], "http://localhost:5173"],
    ["http://127.0.0.1:4173", [], "http://127.0.0.1:4173"],
    ["https://app.example.com", [], null],
    ["https://app.example.com", ["https://app.example.com"], "https://app.example.com"],
    ["https://app.example.com.evil.example", ["https://app.example.com"], null],
    ["https://app.example.com/path", ["https://app.example.com"], null],
    ["http://localhost:5173/@evil.example", [], null],
    ["javascript:alert(1)", [], null],
    ["not a url", [], null],
  ])("%s with %j → %s", (claimed, allowList, expected) => {
    expect(allowedReturnOrigin(claimed, allowList)).toBe(expected);
  });
});
