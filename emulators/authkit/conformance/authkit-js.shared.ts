import { createClient } from "@workos-inc/authkit-js";
import { vi } from "vitest";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { startAuthKit, type AuthKitOptions, type AuthKitServer } from "../server.ts";
import { TestBrowser } from "../testing/test-browser.ts";

/**
 * One app page (jsdom, at `location.origin`) with the real authkit-js client pointed at an
 * in-process Local AuthKit, the way the app's AuthKitProvider would be configured.
 */
export interface Harness {
  server: AuthKitServer;
  browser: TestBrowser;
  redirectUri: string;
  /** A client as after a page load of `path` (runs the code exchange or the session refresh). */
  load(path?: string, extra?: Parameters<typeof createClient>[1]): Promise<Awaited<ReturnType<typeof createClient>>>;
  verify(token: string): Promise<JWTPayload>;
  /** POST /user_management/authenticate outside the client (to prove what the server accepts). */
  refreshRaw(body: Record<string, unknown>, cookie?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(devMode: boolean, options: AuthKitOptions = {}): Promise<Harness> {
  const redirectUri = `${location.origin}/callback`;
  const server = await startAuthKit({ port: 0, dataDir: null, redirectUris: [redirectUri], log: false, ...options });
  const browser = new TestBrowser(location.origin);
  // Captured before the page's fetch is replaced: raw calls bypass the page's cookies and CORS.
  const nodeFetch = globalThis.fetch;
  vi.stubGlobal("fetch", browser.fetch);
  const api = new URL(server.url);
  const jwks = createRemoteJWKSet(new URL(`/sso/jwks/${server.clientId}`, server.url));
  let current: Awaited<ReturnType<typeof createClient>> | undefined;
  return {
    server,
    browser,
    redirectUri,
    async load(path = "/", extra = {}) {
      current?.dispose();
      history.replaceState({}, "", path);
      current = await createClient(server.clientId, {
        apiHostname: api.hostname,
        port: Number(api.port),
        https: false,
        redirectUri,
        devMode,
        ...extra,
      });
      return current;
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, jwks, { issuer: `${server.url}/user_management/${server.clientId}`, algorithms: ["RS256"] });
      return payload;
    },
    refreshRaw(body, cookie) {
      return nodeFetch(new URL("/user_management/authenticate", server.url), {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(cookie && { Cookie: cookie }) },
        body: JSON.stringify({ client_id: server.clientId, grant_type: "refresh_token", ...body }),
      });
    },
    async close() {
      current?.dispose();
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
      localStorage.clear();
      sessionStorage.clear();
      for (const name of document.cookie.split(";").map((c) => c.split("=")[0]!.trim()).filter(Boolean)) {
        document.cookie = `${name}=; Path=/; Max-Age=0`;
      }
      await server.close();
    },
  };
}
