import path from "node:path";
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from "./events/deliveries.ts";
import { endpointUrlProblem, type ConfiguredWebhook } from "./events/endpoints.ts";
import { isWebhookEventName } from "./events/names.ts";
import { DEMO_SEED_FILE } from "./seed.ts";

export interface AuthKitOptions {
  /** Default 4100; 0 = any free port. */
  port?: number;
  /** Default "client_local". */
  clientId?: string;
  /** Exact-match allow list, as in the WorkOS dashboard. Default ["http://localhost:5173/callback"]. */
  redirectUris?: string[];
  /** Origins allowed to call the API from a browser. Default: the origins of redirectUris. */
  corsOrigins?: string[];
  /** Where sign-out may return to. Default: "<origin>/" of each redirect URI. */
  logoutRedirects?: string[];
  /** The app route that starts a sign-in. Default "<origin of first redirect URI>/sign-in". */
  signInEndpoint?: string;
  /**
   * The app route an invitation links to (`accept_invitation_url`), with `invitation_token=…`
   * added to its query. Default "<origin of first redirect URI>/invite".
   */
  invitationUrl?: string;
  /** Default ".local/authkit"; null = in memory only (tests). */
  dataDir?: string | null;
  /** A JSON seed file (the format is seed-file.ts's `SeedFile`). Default: the demo world of demo-world.ts. */
  seedFile?: string;
  /** Default 300. */
  accessTokenTtlSeconds?: number;
  /** Base used in `iss` and JWKS. Default `http://localhost:${port}`. */
  publicUrl?: string;
  /**
   * The key the Organizations API (`GET /organizations/<id>`) accepts, `sk_test_…`. Default: one
   * kept in `<dataDir>/api-key`, or a new random one for an in-memory server.
   */
  apiKey?: string;
  /** Codes, links, problems and one line per request; default console.log. */
  log?: ((line: string) => void) | false;
  /**
   * Where the routine lines go instead: one per request and per delivered webhook. Default `log`;
   * false drops them (`npm run dev` without `--verbose`), leaving codes, links and failures.
   */
  requestLog?: ((line: string) => void) | false;
  /**
   * Webhook endpoints from the start (besides those made through `POST /webhook_endpoints`):
   * each receives the events named in `events` (every event when absent), signed with `secret`.
   * Not stored in data.json: they are configuration, like the redirect URIs.
   */
  webhooks?: ConfiguredWebhook[];
  /** How webhook deliveries are retried (tests make it fast). Default 8 attempts, 1 s doubling up to 60 s, 10 s timeout. */
  webhookDelivery?: Partial<DeliveryPolicy>;
}

export const DEFAULTS = {
  port: 4100,
  clientId: "client_local",
  redirectUri: "http://localhost:5173/callback",
  dataDir: ".local/authkit",
  seedFile: DEMO_SEED_FILE,
  accessTokenTtlSeconds: 300,
} as const;

/** Everything the routes need, with defaults applied and the real port known. */
export interface Config {
  clientId: string;
  redirectUris: string[];
  corsOrigins: string[];
  logoutRedirects: string[];
  signInEndpoint: string;
  /** Where invitations link to, before `invitation_token` is added. */
  invitationUrl: string;
  dataDir: string | null;
  seedFile: string;
  accessTokenTtlSeconds: number;
  publicUrl: string;
  /** The origins this server is reached at: publicUrl and the loopback names on its port. */
  ownOrigins: string[];
  /** The host names it answers to (any other Host header is a DNS-rebinding attempt). */
  ownHostnames: string[];
  issuer: string;
  log: (line: string) => void;
  requestLog: (line: string) => void;
  webhooks: ConfiguredWebhook[];
  webhookDelivery: DeliveryPolicy;
}

const LOOPBACK_HOSTNAMES = ["localhost", "127.0.0.1", "[::1]"];

function absoluteUrl(value: string, what: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {
    // fall through to the error below
  }
  throw new Error(`${what} "${value}" is not an absolute http(s) URL, e.g. http://localhost:5173/callback`);
}

function resolveWebhooks(webhooks: ConfiguredWebhook[]): ConfiguredWebhook[] {
  const urls = new Set<string>();
  return webhooks.map(({ url, secret, events }) => {
    const problem = typeof url === "string" ? endpointUrlProblem(url) : "the url is not a string";
    if (problem) throw new Error(`Webhook ${String(url)}: ${problem}`);
    if (urls.has(url)) throw new Error(`Webhook ${url} is given twice: give each URL once.`);
    urls.add(url);
    if (typeof secret !== "string" || secret === "") throw new Error(`Webhook ${url} has no secret: give one (e.g. --webhook ${url}=<WORKOS_WEBHOOK_SECRET>).`);
    const unknown = (events ?? []).filter((name) => !isWebhookEventName(name));
    if (unknown.length) throw new Error(`Webhook ${url}: unknown event type ${unknown.map((n) => `"${n}"`).join(", ")} (see emulators/authkit/events/names.ts).`);
    if (events?.length === 0) throw new Error(`Webhook ${url} has an empty events list: leave it out to receive every event.`);
    return { url, secret, ...(events && { events: [...events] }) };
  });
}

function resolveDeliveryPolicy(given: Partial<DeliveryPolicy> = {}): DeliveryPolicy {
  const policy = { ...DEFAULT_DELIVERY_POLICY, ...given };
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isInteger(value) || value < (name === "maxAttempts" ? 1 : 0)) throw new Error(`webhookDelivery.${name} must be a whole number ≥ ${name === "maxAttempts" ? 1 : 0}, got ${value}`);
  }
  return policy;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Applies the defaults and rejects options that would make the server misbehave later. */
export function resolveConfig(o: AuthKitOptions, port: number): Config {
  const clientId = o.clientId ?? DEFAULTS.clientId;
  if (!/^[A-Za-z0-9_-]+$/.test(clientId)) {
    throw new Error(`clientId "${clientId}" may contain only letters, digits, "_" and "-"`);
  }
  const redirectUris = o.redirectUris ?? [DEFAULTS.redirectUri];
  if (redirectUris.length === 0) throw new Error("redirectUris is empty: register at least one redirect URI");
  const redirectOrigins = unique(redirectUris.map((uri) => absoluteUrl(uri, "Redirect URI").origin));
  const corsOrigins = unique((o.corsOrigins ?? redirectOrigins).map((origin) => absoluteUrl(origin, "CORS origin").origin));
  // Kept as written, like the redirect URIs: sign-out compares return_to to them exactly.
  const logoutRedirects = o.logoutRedirects ?? redirectOrigins.map((origin) => `${origin}/`);
  for (const uri of logoutRedirects) absoluteUrl(uri, "Sign-out redirect");
  if (logoutRedirects.length === 0) throw new Error("logoutRedirects is empty: register at least one sign-out redirect");
  const signInEndpoint = absoluteUrl(o.signInEndpoint ?? `${redirectOrigins[0]}/sign-in`, "Sign-in endpoint").href;
  const invitationUrl = absoluteUrl(o.invitationUrl ?? `${redirectOrigins[0]}/invite`, "Invitation URL");
  if (invitationUrl.hash) throw new Error(`Invitation URL "${o.invitationUrl}" has a #fragment: the token goes in the query, so leave the fragment out`);
  if (invitationUrl.searchParams.has("invitation_token")) {
    throw new Error(`Invitation URL "${o.invitationUrl}" already has an invitation_token: each invitation adds its own`);
  }
  const ttl = o.accessTokenTtlSeconds ?? DEFAULTS.accessTokenTtlSeconds;
  if (!Number.isInteger(ttl) || ttl < 1) {
    throw new Error(`accessTokenTtlSeconds must be a whole number of seconds ≥ 1, got ${ttl}`);
  }
  const publicUrl = absoluteUrl(o.publicUrl ?? `http://localhost:${port}`, "publicUrl").origin;
  const ownOrigins = unique([publicUrl, ...LOOPBACK_HOSTNAMES.map((hostname) => `http://${hostname}:${port}`)]);
  const ownHostnames = unique([...LOOPBACK_HOSTNAMES, new URL(publicUrl).hostname]);
  const log = o.log === false ? () => {} : (o.log ?? ((line: string) => console.log(line)));
  const requestLog = o.requestLog === false ? () => {} : (o.requestLog ?? log);
  return {
    clientId,
    redirectUris,
    corsOrigins,
    logoutRedirects,
    signInEndpoint,
    invitationUrl: invitationUrl.href,
    dataDir: o.dataDir === null ? null : path.resolve(o.dataDir ?? DEFAULTS.dataDir),
    seedFile: path.resolve(o.seedFile ?? DEFAULTS.seedFile),
    accessTokenTtlSeconds: ttl,
    publicUrl,
    ownOrigins,
    ownHostnames,
    issuer: `${publicUrl}/user_management/${clientId}`,
    log,
    requestLog,
    webhooks: resolveWebhooks(o.webhooks ?? []),
    webhookDelivery: resolveDeliveryPolicy(o.webhookDelivery),
  };
}
