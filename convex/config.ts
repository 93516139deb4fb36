import { env } from "./_generated/server";

/**
 * The Convex deployment's settings, read here and nowhere else in the functions (auth.config.ts
 * is evaluated at push time and reads `process.env` itself). Values are read on each call, not at
 * import, so `npx convex env set` takes effect without a push and tests can stub them.
 */

/** WorkOS's API, or the local AuthKit / a custom domain: the same variable and default as auth.config.ts. */
export function workosApiUrl(): URL {
  const raw = (env.WORKOS_API_URL || "https://api.workos.com").replace(/\/+$/, "");
  try {
    return new URL(raw);
  } catch {
    throw new Error(
      `WORKOS_API_URL is "${raw}", which is not a URL. Set it to https://api.workos.com, your WorkOS custom domain, ` +
        "or the local AuthKit (http://localhost:4100): `npx convex env set WORKOS_API_URL …`.",
    );
  }
}

/** The server API key (`sk_…`), or null when this deployment has none. */
export function workosApiKey(): string | null {
  return env.WORKOS_API_KEY || null;
}

export const MISSING_API_KEY =
  "WORKOS_API_KEY is not set in this Convex deployment, so Convex cannot call WorkOS. " +
  "Set it to the API key of the WorkOS environment whose client ID is WORKOS_CLIENT_ID: " +
  "`npx convex env set WORKOS_API_KEY sk_…` (the local stack sets it for you).";

/** The secret WorkOS signs webhook deliveries with, or null when none is set. */
export function workosWebhookSecret(): string | null {
  return env.WORKOS_WEBHOOK_SECRET || null;
}

export const MISSING_WEBHOOK_SECRET =
  "WORKOS_WEBHOOK_SECRET is not set in this Convex deployment, so WorkOS webhooks are refused. " +
  "Copy the endpoint's secret from the WorkOS dashboard (Webhooks) or the local AuthKit's seed: " +
  "`npx convex env set WORKOS_WEBHOOK_SECRET …`.";

/**
 * The origins the app is served from (`APP_ORIGINS`, comma-separated, e.g.
 * `https://app.example.com,https://staging.example.com`), where WorkOS may send people back to
 * (the Admin Portal's return links). Empty when unset.
 */
export function appOrigins(): string[] {
  return (env.APP_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, ""))
    .filter((o) => o !== "");
}
