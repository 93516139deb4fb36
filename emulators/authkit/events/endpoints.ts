import { createHash } from "node:crypto";
import type { Config } from "../config.ts";
import type { Store } from "../store.ts";
import type { WebhookEndpointRecord } from "../store/webhook-endpoints.ts";
import { WEBHOOK_EVENT_NAMES } from "./names.ts";

/** A webhook endpoint given at start (`webhooks` option, `--webhook <url>=<secret>`). */
export interface ConfiguredWebhook {
  url: string;
  secret: string;
  /** The events it receives; every event when absent. */
  events?: string[];
}

/** An endpoint deliveries go to: one made through the API, or one given at start (`configured`). */
export type Endpoint = WebhookEndpointRecord & { configured: boolean };

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Why `url` cannot be a webhook endpoint, or null when it can. WorkOS takes HTTPS only; for local
 * use this also takes plain HTTP to this machine (`localhost`, `127.0.0.1`, `[::1]`), e.g. a local
 * Convex's `http://127.0.0.1:3211/workos/webhook`. Any other http:// URL is refused.
 */
export function endpointUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not an absolute URL: give an https:// URL (or http://localhost…).`;
  }
  if (parsed.username || parsed.password) return `"${url}" has credentials in it: webhook URLs may not.`;
  if (parsed.protocol === "https:") return null;
  if (parsed.protocol === "http:" && LOOPBACK.has(parsed.hostname)) return null;
  return `"${url}" is not an HTTPS URL: WorkOS delivers over HTTPS only (this emulator also takes http://localhost, http://127.0.0.1 and http://[::1]).`;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A stable `we_…` id for a configured endpoint, from its URL: the same across restarts, so its pending deliveries resume. */
function configuredId(url: string): string {
  const hash = createHash("sha256").update(url).digest();
  let id = "";
  for (let i = 0; i < 26; i++) id += CROCKFORD[hash[i]! % 32];
  return `we_${id}`;
}

const configuredCache = new WeakMap<ConfiguredWebhook[], Endpoint[]>();

function configuredEndpoints(config: Config): Endpoint[] {
  let list = configuredCache.get(config.webhooks);
  if (!list) {
    const now = new Date().toISOString();
    list = config.webhooks.map((webhook) => ({
      id: configuredId(webhook.url),
      endpoint_url: webhook.url,
      secret: webhook.secret,
      status: "enabled" as const,
      events: webhook.events ?? [...WEBHOOK_EVENT_NAMES],
      created_at: now,
      updated_at: now,
      configured: true,
    }));
    configuredCache.set(config.webhooks, list);
  }
  return list;
}

/** Every endpoint: those given at start first, then those made through the API, oldest first. */
export function allEndpoints(app: { store: Store; config: Config }): Endpoint[] {
  return [...configuredEndpoints(app.config), ...app.store.webhookEndpoints.list().map((e) => ({ ...e, configured: false }))];
}

export function endpointById(app: { store: Store; config: Config }, id: string): Endpoint | undefined {
  const configured = configuredEndpoints(app.config).find((e) => e.id === id);
  if (configured) return configured;
  const stored = app.store.webhookEndpoints.get(id);
  return stored && { ...stored, configured: false };
}

/** Whether `endpoint` is to receive events named `event`. */
export function subscribes(endpoint: Endpoint, event: string): boolean {
  return endpoint.status === "enabled" && endpoint.events.includes(event);
}
