import { randomBytes } from "node:crypto";
import path from "node:path";
import { startAuthKit, type AuthKitOptions } from "./authkit/server.ts";
import { startConvex, type ConvexOptions } from "./convex/server.ts";
import { freePort } from "./dev/ports.ts";
import { keyFile } from "./shared/key-file.ts";

/**
 * The local AuthKit and the local Convex, wired to each other and to one app origin: everything
 * `npm run dev` and the browser tests need to run the app with no account anywhere.
 */
export interface LocalStackOptions {
  /** Where the app is served; the redirect URI, sign-in endpoint, sign-out URL and CORS origin derive from it. */
  appOrigin?: string;
  /** 0 = any free port. */
  authkitPort?: number;
  convexPort?: number;
  sitePort?: number;
  /** Base folder for emulator data (`<dataDir>/authkit`, `<dataDir>/convex`); null = in memory only. */
  dataDir?: string | null;
  accessTokenTtlSeconds?: number;
  /** Passed to the app as `VITE_WORKOS_DEV_MODE`; undefined leaves the SDK's own rule (dev mode on localhost). */
  devMode?: boolean;
  /** The app's Convex functions. */
  convexDir?: string;
  clientId?: string;
  /** Re-load Convex functions when files in `convexDir` change. */
  watch?: boolean;
  /** One line per emulator event, already prefixed with the emulator's name; false = silent. */
  log?: ((line: string) => void) | false;
  /**
   * Also the routine lines: the local AuthKit's one per request and per delivered webhook, and the
   * local Convex's copy of what functions print (`convex dev` prints those itself) and its push progress. Default true;
   * `npm run dev` turns it on with `--verbose`. Codes, links, failures and pushes are always logged.
   */
  verbose?: boolean;
}

export interface LocalStack {
  authkit: { url: string; clientId: string; apiKey: string; close(): Promise<void> };
  convex: { url: string; siteUrl: string; adminKey: string; close(): Promise<void> };
  appOrigin: string;
  /** The options each emulator was started with, with real ports: restarting one with them resumes it. */
  authkitOptions: AuthKitOptions;
  convexOptions: ConvexOptions;
  /** The app's environment (Vite `VITE_*` variables) that points it at this stack. */
  viteEnv: Record<string, string>;
  close(): Promise<void>;
}

export const LOCAL_DEFAULTS = {
  appOrigin: "http://localhost:5173",
  authkitPort: 4100,
  convexPort: 3210,
  sitePort: 3211,
  dataDir: ".local",
  clientId: "client_local",
  convexDir: "convex",
} as const;

/** Where the app's Convex HTTP actions take WorkOS's signed webhooks (convex/http.ts). */
export const WEBHOOK_PATH = "/workos/webhook";

/**
 * The secret the local AuthKit signs webhooks with and Convex checks them with
 * (`WORKOS_WEBHOOK_SECRET`): kept beside the emulators' data, so both agree across restarts, or
 * new for an in-memory stack. On WorkOS it is the endpoint's secret shown in the dashboard.
 */
function webhookSecret(dataDir: string | null): string {
  const create = () => `whsec_local_${randomBytes(24).toString("hex")}`;
  if (dataDir === null) return create();
  return keyFile(path.join(dataDir, "webhook-secret"), create, {
    validate: (text) => (/^whsec_local_[0-9a-f]{48}$/.test(text) ? null : "does not hold a webhook secret"),
  });
}

/** The internal action that pages WorkOS's lists into Convex's mirror (convex/workos/backfill.ts). */
export const BACKFILL_FUNCTION = "workos/backfill:run";

/**
 * The seed's organizations and memberships are older than any webhook, so Convex's mirror would
 * not know them: run the backfill once, as a developer would with `npx convex run`, through the
 * local Convex's HTTP API with its admin key. A failure is one log line, never a failed start:
 * the app works from the token's claims until the first webhook.
 */
async function backfillMirror(convex: { url: string; adminKey: string }, log: (line: string) => void): Promise<void> {
  try {
    const response = await fetch(`${convex.url}/api/action`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Convex ${convex.adminKey}` },
      body: JSON.stringify({ path: BACKFILL_FUNCTION, args: {}, format: "json" }),
    });
    const answer = (await response.json()) as { status: string; value?: unknown; errorMessage?: string };
    log(answer.status === "success" ? `WorkOS mirror filled from the local AuthKit: ${JSON.stringify(answer.value)}` : `WorkOS mirror not filled (${BACKFILL_FUNCTION}): ${answer.errorMessage}`);
  } catch (error) {
    log(`WorkOS mirror not filled (${BACKFILL_FUNCTION}): ${(error as Error).message}`);
  }
}

export async function startLocalStack(o: LocalStackOptions = {}): Promise<LocalStack> {
  const appOrigin = new URL(o.appOrigin ?? LOCAL_DEFAULTS.appOrigin).origin;
  const dataDir = o.dataDir === undefined ? LOCAL_DEFAULTS.dataDir : o.dataDir;
  const log = o.log === undefined ? (line: string) => console.log(line) : o.log;
  const prefixed = (name: string) => (log ? (line: string) => log(`[${name}] ${line}`) : false);
  const redirectUri = `${appOrigin}/callback`;
  // The webhook URL names Convex's site port, and the AuthKit starts first (Convex reads its
  // issuer), so a port left to chance is chosen now.
  const sitePort = o.sitePort === 0 ? await freePort() : (o.sitePort ?? LOCAL_DEFAULTS.sitePort);
  const secret = webhookSecret(dataDir);

  const authkitOptions: AuthKitOptions = {
    port: o.authkitPort ?? LOCAL_DEFAULTS.authkitPort,
    clientId: o.clientId ?? LOCAL_DEFAULTS.clientId,
    redirectUris: [redirectUri],
    corsOrigins: [appOrigin],
    logoutRedirects: [`${appOrigin}/`],
    signInEndpoint: `${appOrigin}/sign-in`,
    dataDir: dataDir === null ? null : path.join(dataDir, "authkit"),
    log: prefixed("authkit"),
    requestLog: o.verbose === false ? false : prefixed("authkit"),
    webhooks: [{ url: `http://127.0.0.1:${sitePort}${WEBHOOK_PATH}`, secret }],
    ...(o.accessTokenTtlSeconds !== undefined && { accessTokenTtlSeconds: o.accessTokenTtlSeconds }),
  };
  const authkit = await startAuthKit(authkitOptions);
  // Pin the real port and the key so a restart of this emulator comes back where the app expects
  // it, and still accepts the key Convex holds (an in-memory server would otherwise make a new one).
  authkitOptions.port = Number(new URL(authkit.url).port);
  authkitOptions.apiKey = authkit.apiKey;

  const convexOptions: ConvexOptions = {
    convexDir: o.convexDir ?? LOCAL_DEFAULTS.convexDir,
    port: o.convexPort ?? LOCAL_DEFAULTS.convexPort,
    sitePort,
    dataDir: dataDir === null ? null : path.join(dataDir, "convex"),
    // What convex/auth.config.ts reads (the issuers and JWKS derive from the AuthKit URL), the
    // server-side API key Convex's WorkOS calls use, and the secret its webhook checks. The key and
    // the secret go to Convex only, never into viteEnv.
    env: { WORKOS_CLIENT_ID: authkit.clientId, WORKOS_API_URL: authkit.url, WORKOS_API_KEY: authkit.apiKey, WORKOS_WEBHOOK_SECRET: secret },
    watch: o.watch ?? true,
    log: prefixed("convex"),
    routineLog: o.verbose === false ? false : prefixed("convex"),
  };
  let convex: LocalStack["convex"];
  try {
    convex = await startConvex(convexOptions);
  } catch (error) {
    await authkit.close();
    throw error;
  }
  const backfilled = backfillMirror(convex, log ? (line) => log(`[stack] ${line}`) : () => {});
  convexOptions.port = Number(new URL(convex.url).port);
  convexOptions.sitePort = Number(new URL(convex.siteUrl).port);

  const api = new URL(authkit.url);
  const viteEnv: Record<string, string> = {
    VITE_WORKOS_CLIENT_ID: authkit.clientId,
    VITE_WORKOS_REDIRECT_URI: redirectUri,
    VITE_WORKOS_API_HOSTNAME: api.hostname,
    VITE_WORKOS_API_PORT: api.port,
    VITE_WORKOS_API_HTTPS: String(api.protocol === "https:"),
    VITE_CONVEX_URL: convex.url,
    ...(o.devMode !== undefined && { VITE_WORKOS_DEV_MODE: String(o.devMode) }),
  };

  let closing: Promise<void> | undefined;
  return {
    authkit,
    convex,
    appOrigin,
    authkitOptions,
    convexOptions,
    viteEnv,
    close() {
      // Both emulators are closed even if one fails, so no port is left listening.
      // The backfill talks to both emulators: it ends (it never throws) before either closes.
      closing ??= backfilled.then(() => Promise.allSettled([convex.close(), authkit.close()])).then((results) => {
        const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
        if (failed) throw failed.reason;
      });
      return closing;
    },
  };
}
