import { createHash, randomBytes } from "node:crypto";
import { startAuthKit, type AuthKitOptions, type AuthKitServer } from "../server.ts";
import { DEMO_PASSWORD } from "../demo-world.ts";
import { signInThroughHostedPages } from "./hosted-pages.ts";
import { TestBrowser } from "./test-browser.ts";

export const APP_ORIGIN = "http://localhost:5173";
export const REDIRECT_URI = `${APP_ORIGIN}/callback`;

export interface TestAuthKit {
  server: AuthKitServer;
  url: string;
  /** Every log line the server wrote. */
  logs: string[];
  /** fetch relative to the server, never following redirects. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** POST JSON to the server. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** An authorization URL as authkit-js builds it, with a fresh PKCE pair. */
  authorizeUrl(params?: Record<string, string>): { url: string; verifier: string };
  /** Signs in through the hosted pages and returns the code and its PKCE verifier. */
  signIn(email: string, o?: { organization?: string; params?: Record<string, string>; browser?: TestBrowser }): Promise<{ code: string; verifier: string; callback: URL }>;
  /** Signs in and exchanges the code: the WorkOS authentication response. */
  authenticate(email: string, o?: { organization?: string }): Promise<AuthResponse>;
}

export interface AuthResponse {
  user: { id: string; email: string };
  organization_id?: string;
  access_token: string;
  refresh_token: string;
  authentication_method: string;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** A Local AuthKit on a free port, in memory unless `dataDir` is given, registered for APP_ORIGIN. */
export async function startTestAuthKit(options: AuthKitOptions = {}): Promise<TestAuthKit> {
  const logs: string[] = [];
  const server = await startAuthKit({ port: 0, dataDir: null, log: (line) => logs.push(line), ...options });
  const url = server.url;
  const request = (path: string, init: RequestInit = {}) => fetch(new URL(path, url), { redirect: "manual", ...init });
  const authorizeUrl = (params: Record<string, string> = {}) => {
    const { verifier, challenge } = pkcePair();
    const query = new URLSearchParams({
      client_id: server.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: "code",
      provider: "authkit",
      code_challenge: challenge,
      code_challenge_method: "S256",
      state: '{"returnTo":"/notes"}',
      ...params,
    });
    return { url: `${url}/user_management/authorize?${query}`, verifier };
  };
  const t: TestAuthKit = {
    server,
    url,
    logs,
    request,
    post: (path, body, headers = {}) =>
      request(path, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) }),
    authorizeUrl,
    async signIn(email, o = {}) {
      const { url: start, verifier } = authorizeUrl(o.params);
      const browser = o.browser ?? new TestBrowser(APP_ORIGIN);
      const callback = await signInThroughHostedPages(browser, start, { email, password: DEMO_PASSWORD, organization: o.organization });
      return { code: callback.searchParams.get("code")!, verifier, callback };
    },
    async authenticate(email, o = {}) {
      const { code, verifier } = await t.signIn(email, o);
      const response = await t.post("/user_management/authenticate", {
        client_id: server.clientId,
        grant_type: "authorization_code",
        code,
        code_verifier: verifier,
      });
      if (response.status !== 200) throw new Error(`authenticate answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as AuthResponse;
    },
  };
  return t;
}
