import { afterEach, describe, expect, it, vi } from "vitest";
import { BOB } from "../../demo-world.ts";
import { HostedVisitor } from "../../testing/hosted-pages.ts";
import { APP_ORIGIN, REDIRECT_URI } from "../../testing/start.ts";
import { TestBrowser } from "../../testing/test-browser.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ resetBeforeEach: true });
afterEach(() => {
  vi.useRealTimers();
});

async function codeFor(email: string): Promise<string | null> {
  return ((await (await t.request(`/_local/codes?email=${encodeURIComponent(email)}`)).json()) as { magic_auth_code: string | null }).magic_auth_code;
}

/** From authorize through the email step to "Email me a code". */
async function askForCode(email: string) {
  const { url, verifier } = t.authorizeUrl();
  const v = await new HostedVisitor(t.url, new TestBrowser(APP_ORIGIN)).go(url);
  await v.submit({ email });
  await v.submit({}, "/magic-auth");
  return { v, verifier };
}

describe("Magic Auth on the hosted page", () => {
  it("prints a code in the log, readable through /_local/codes, and signs in with it as MagicAuth", async () => {
    const { v, verifier } = await askForCode(BOB.email);
    expect(v.url.pathname).toBe("/magic-auth");
    expect(v.heading).toBe("Check your email");
    const code = await codeFor(BOB.email);
    expect(code).toMatch(/^\d{6}$/);
    expect(t.logs.some((line) => line.includes(`magic auth code for ${BOB.email}: ${code} (no email is sent)`))).toBe(true);
    await v.submit({ code: code! });
    expect(v.url.origin + v.url.pathname).toBe(REDIRECT_URI);
    const response = await t.post("/user_management/authenticate", {
      client_id: t.server.clientId,
      grant_type: "authorization_code",
      code: v.url.searchParams.get("code"),
      code_verifier: verifier,
    });
    expect(await response.json()).toMatchObject({ authentication_method: "MagicAuth", user: { email: BOB.email }, organization_id: "org_acme" });
  });

  it("shows a wrong code inline and uses a code once", async () => {
    const { v } = await askForCode(BOB.email);
    const code = (await codeFor(BOB.email))!;
    await v.submit({ code: code === "000000" ? "111111" : "000000" });
    expect(v.status).toBe(400);
    expect(v.alert).toContain("That code is wrong or has expired");
    await v.submit({ code });
    expect(v.left).toBe(true);
    expect(await codeFor(BOB.email)).toBeNull();
    const second = await askForCode(BOB.email);
    await second.v.submit({ code });
    expect(second.v.status).toBe(400);
  });

  it("refuses a code older than 10 minutes", async () => {
    const { v } = await askForCode(BOB.email);
    const code = (await codeFor(BOB.email))!;
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 10 * 60 * 1000 + 1000 });
    await v.submit({ code });
    expect(v.status).toBe(400);
    expect(v.alert).toContain("expired");
  });

  it("sends a new code that replaces the last", async () => {
    const { v } = await askForCode(BOB.email);
    const first = (await codeFor(BOB.email))!;
    await v.submit({}, "/magic-auth");
    expect(v.html).toContain("A new code was sent");
    const second = (await codeFor(BOB.email))!;
    if (first !== second) {
      await v.submit({ code: first });
      expect(v.status).toBe(400);
    }
    await v.submit({ code: second });
    expect(v.left).toBe(true);
  });

  it("counts wrong codes against the account's failure limit", async () => {
    const { v } = await askForCode(BOB.email);
    const code = (await codeFor(BOB.email))!;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) await v.submit({ code: wrong });
    await v.submit({ code });
    expect(v.status).toBe(429);
    expect(v.alert).toContain("Too many failed attempts");
  });

  it("makes a verified account for an email that has none, as WorkOS's Magic Auth does", async () => {
    const { v } = await askForCode("newcomer@example.com");
    await v.submit({ code: (await codeFor("newcomer@example.com"))! });
    expect(v.left).toBe(true);
    expect((await t.post("/_local/users", { email: "newcomer@example.com" })).status).toBe(409);
  });
});
