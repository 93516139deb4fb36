import { afterEach, describe, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../stack.ts";
import { freePort, isPortInUse, portOf } from "./ports.ts";

let stack: LocalStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function start(appOrigin: string) {
  stack = await startLocalStack({ appOrigin, authkitPort: 0, convexPort: 0, sitePort: 0, dataDir: null, watch: false, log: false });
  return stack;
}

describe("startLocalStack", () => {
  it("gives the app the environment that points it at both emulators", async () => {
    const appOrigin = `http://localhost:${await freePort()}`;
    const { viteEnv, authkit, convex } = await start(appOrigin);
    expect(viteEnv).toEqual({
      VITE_WORKOS_CLIENT_ID: "client_local",
      VITE_WORKOS_REDIRECT_URI: `${appOrigin}/callback`,
      VITE_WORKOS_API_HOSTNAME: "localhost",
      VITE_WORKOS_API_PORT: String(portOf(authkit.url)),
      VITE_WORKOS_API_HTTPS: "false",
      VITE_CONVEX_URL: convex.url,
    });
    const health = (await (await fetch(`${authkit.url}/health`)).json()) as { client_id: string; issuer: string };
    expect(health).toMatchObject({ client_id: "client_local", issuer: `${authkit.url}/user_management/client_local` });
  });

  it("registers the app's origin with the local AuthKit: redirect URI and CORS, and nothing else", async () => {
    const appOrigin = `http://localhost:${await freePort()}`;
    const { authkit } = await start(appOrigin);
    const authorize = (redirectUri: string) =>
      fetch(
        `${authkit.url}/user_management/authorize?${new URLSearchParams({
          client_id: "client_local",
          redirect_uri: redirectUri,
          response_type: "code",
          provider: "authkit",
          code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
          code_challenge_method: "S256",
        })}`,
        { redirect: "manual" },
      );
    expect((await authorize(`${appOrigin}/callback`)).status).toBe(302);
    expect((await authorize("http://localhost:1/callback")).status).toBeGreaterThanOrEqual(400);

    const preflight = (origin: string) =>
      fetch(`${authkit.url}/user_management/authenticate`, {
        method: "OPTIONS",
        headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
      });
    expect((await preflight(appOrigin)).headers.get("access-control-allow-origin")).toBe(appOrigin);
    expect((await preflight("http://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("tells the local Convex which AuthKit issues its tokens", async () => {
    const { convexOptions, authkit } = await start(`http://localhost:${await freePort()}`);
    expect(convexOptions.env).toMatchObject({ WORKOS_CLIENT_ID: "client_local", WORKOS_API_URL: authkit.url });
  });

  it("gives the local Convex, and only it, the API key that reads organization names from the local AuthKit", async () => {
    const { convexOptions, authkit, authkitOptions, viteEnv } = await start(`http://localhost:${await freePort()}`);
    const apiKey = convexOptions.env?.WORKOS_API_KEY;
    expect(apiKey).toBe(authkit.apiKey);
    expect(apiKey).toMatch(/^sk_test_[A-Za-z0-9]{8,}$/);
    const org = await fetch(`${authkit.url}/organizations/org_acme`, { headers: { Authorization: `Bearer ${apiKey}` } });
    expect(await org.json()).toMatchObject({ id: "org_acme", name: "Acme Corp" });
    // A restart with the recorded options keeps accepting the key Convex holds.
    expect(authkitOptions.apiKey).toBe(apiKey);
    expect(JSON.stringify(viteEnv)).not.toContain(apiKey);
  });

  it("close() leaves none of its ports listening", async () => {
    const { authkit, convex } = await start(`http://localhost:${await freePort()}`);
    const ports = [portOf(authkit.url), portOf(convex.url), portOf(convex.siteUrl)];
    expect(await Promise.all(ports.map(isPortInUse))).toEqual([true, true, true]);
    await stack?.close();
    stack = undefined;
    expect(await Promise.all(ports.map(isPortInUse))).toEqual([false, false, false]);
  });
});

describe("startLocalStack: WorkOS webhooks into Convex", () => {
  it("delivers the local AuthKit's events to Convex's /workos/webhook, signed with the secret Convex checks", async () => {
    const lines: string[] = [];
    const appOrigin = `http://localhost:${await freePort()}`;
    stack = await startLocalStack({ appOrigin, authkitPort: 0, convexPort: 0, sitePort: 0, dataDir: null, watch: false, log: (line) => lines.push(line) });
    const created = await fetch(`${stack.authkit.url}/_local/organizations`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Initech" }),
    });
    expect(created.status).toBe(201);
    const delivered = new RegExp(`organization\\.created → http://127\\.0\\.0\\.1:${portOf(stack.convex.siteUrl)}/workos/webhook 200`);
    await expect.poll(() => lines.some((line) => delivered.test(line)), { timeout: 15_000 }).toBe(true);
    // Convex refused nothing: a wrong secret would have been a 401 and a retry.
    expect(lines.some((line) => /workos\/webhook (401|5\d\d)/.test(line))).toBe(false);
  });
});

describe("startLocalStack: Convex's WorkOS mirror", () => {
  it("is filled from the local AuthKit's seed at start, so members pages know the demo organizations", async () => {
    const lines: string[] = [];
    const appOrigin = `http://localhost:${await freePort()}`;
    stack = await startLocalStack({ appOrigin, authkitPort: 0, convexPort: 0, sitePort: 0, dataDir: null, watch: false, log: (line) => lines.push(line) });
    await expect.poll(() => lines.find((line) => line.includes("WorkOS mirror")), { timeout: 15_000 }).toMatch(/WorkOS mirror filled from the local AuthKit: .*"organizations":2/);
  });
});

describe("startLocalStack: quiet logs", () => {
  async function linesAfterTraffic(verbose: boolean | undefined) {
    const lines: string[] = [];
    stack = await startLocalStack({ appOrigin: `http://localhost:${await freePort()}`, authkitPort: 0, convexPort: 0, sitePort: 0, dataDir: null, watch: false, log: (line) => lines.push(line), verbose });
    const { authkit } = stack;
    await fetch(`${authkit.url}/health`);
    const invited = await fetch(`${authkit.url}/user_management/invitations`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${authkit.apiKey}` },
      body: JSON.stringify({ email: "quiet@example.com", organization_id: "org_acme" }),
    });
    expect(invited.status).toBe(201);
    await fetch(`${authkit.url}/user_management/authenticate`, { method: "OPTIONS", headers: { Origin: "http://evil.example", "Access-Control-Request-Method": "POST" } });
    // The backfill at start is the Convex side's traffic; it has logged once it is done.
    await expect.poll(() => lines.some((line) => line.includes("WorkOS mirror")), { timeout: 15_000 }).toBe(true);
    return lines;
  }

  it("without verbose, leaves out the per-request lines and keeps invitation links and refusals", async () => {
    const lines = await linesAfterTraffic(false);
    expect(lines.filter((line) => /^\[authkit\] (GET|POST) \/\S+ 2\d\d \d+ms$/.test(line))).toEqual([]);
    expect(lines.filter((line) => /^\[authkit\] invitation for quiet@example\.com to Acme Corp/.test(line))).toHaveLength(1);
    expect(lines.filter((line) => /^\[authkit\] OPTIONS \/user_management\/authenticate 403 .*evil\.example/.test(line))).toHaveLength(1);
  });

  it("with verbose (the default for tests and the browser tests' logs), logs every request", async () => {
    const lines = await linesAfterTraffic(undefined);
    expect(lines.some((line) => /^\[authkit\] GET \/health 200 \d+ms$/.test(line))).toBe(true);
    expect(lines.some((line) => /^\[authkit\] POST \/user_management\/invitations 201 /.test(line))).toBe(true);
  });
});
