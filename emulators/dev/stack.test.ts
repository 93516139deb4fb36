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
    expect(convexOptions.env).toEqual({ WORKOS_CLIENT_ID: "client_local", WORKOS_API_URL: authkit.url });
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
