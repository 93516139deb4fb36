import { ConvexError, v, type Infer } from "convex/values";
import { internal } from "./_generated/api";
import { action, internalMutation, internalQuery } from "./_generated/server";
import { appError, viewerAction } from "./functions";
import { workos } from "./workos/client";
import { workosError } from "./workos/errors";

/**
 * "Sign in with SSO": which organization's identity provider an email belongs to. The caller is
 * signed out, so the lookup is public, and it must not tell anyone which domains are WorkOS
 * customers: the answer is an organization only when the domain is verified by one that has an
 * active SSO connection; anything else (unknown, pending, no connection, a draft one) is the same
 * `{ sso: false }`, every answer takes at least LOOKUP_MIN_MS, and lookups are rate limited per
 * domain and in all.
 */

/** Every answer, cached or not, SSO or not, takes at least this long (and a multiple of it). */
export const LOOKUP_MIN_MS = 600;
/** The rate limit's window. */
export const LOOKUP_WINDOW_MS = 60_000;
/** Lookups of one domain per window. */
export const LOOKUPS_PER_DOMAIN = 10;
/** Lookups of any domain per window, for the whole deployment. */
export const LOOKUPS_IN_ALL = 120;
/** How long a WorkOS answer is reused (an organization that sets up SSO waits at most this). */
export const CACHE_TTL_MS = 5 * 60_000;

const EMAIL = /^[^\s@]{1,64}@([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+)$/;

/** The domain of a work email, lower-cased, or null when it is not an email address. */
export function emailDomain(email: string): string | null {
  const match = EMAIL.exec(email.trim().toLowerCase());
  return match && match[1]!.length <= 253 ? match[1]! : null;
}

const lookupResult = v.union(v.object({ sso: v.literal(true), organizationId: v.string() }), v.object({ sso: v.literal(false) }));
export type SsoLookupResult = Infer<typeof lookupResult>;

const ALL = "*";

/**
 * Counts one lookup of `domain` against both limits, or refuses it. Old windows of the same keys
 * are dropped as new ones start, so the table stays small.
 */
export const admit = internalMutation({
  args: { domain: v.string() },
  returns: v.union(v.null(), v.object({ retryAfterMs: v.number() })),
  handler: async (ctx, { domain }) => {
    const now = Date.now();
    const windowStart = now - (now % LOOKUP_WINDOW_MS);
    const retryAfterMs = windowStart + LOOKUP_WINDOW_MS - now;
    const limits = [
      { key: ALL, max: LOOKUPS_IN_ALL },
      { key: domain, max: LOOKUPS_PER_DOMAIN },
    ];
    const rows = [];
    for (const { key, max } of limits) {
      const row = await ctx.db
        .query("ssoLookupWindows")
        .withIndex("by_key_and_window", (q) => q.eq("key", key).eq("windowStart", windowStart))
        .unique();
      if (row !== null && row.count >= max) return { retryAfterMs };
      rows.push({ key, row });
    }
    for (const { key, row } of rows) {
      if (row !== null) {
        await ctx.db.patch("ssoLookupWindows", row._id, { count: row.count + 1 });
        continue;
      }
      const old = await ctx.db
        .query("ssoLookupWindows")
        .withIndex("by_key_and_window", (q) => q.eq("key", key).lt("windowStart", windowStart))
        .collect();
      for (const stale of old) await ctx.db.delete("ssoLookupWindows", stale._id);
      await ctx.db.insert("ssoLookupWindows", { key, windowStart, count: 1 });
    }
    return null;
  },
});

/** The cached answer for `domain`, when it is fresh. */
export const cached = internalQuery({
  args: { domain: v.string() },
  returns: v.union(v.null(), lookupResult),
  handler: async (ctx, { domain }) => {
    const row = await ctx.db
      .query("ssoDomains")
      .withIndex("by_domain", (q) => q.eq("domain", domain))
      .unique();
    if (row === null || Date.now() - row.checkedAt > CACHE_TTL_MS) return null;
    return row.organizationId === undefined ? { sso: false as const } : { sso: true as const, organizationId: row.organizationId };
  },
});

export const remember = internalMutation({
  args: { domain: v.string(), organizationId: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { domain, organizationId }) => {
    const row = await ctx.db
      .query("ssoDomains")
      .withIndex("by_domain", (q) => q.eq("domain", domain))
      .unique();
    const value = { domain, organizationId, checkedAt: Date.now() };
    if (row === null) await ctx.db.insert("ssoDomains", value);
    else await ctx.db.replace("ssoDomains", row._id, value);
    return null;
  },
});

/** Asks WorkOS: the organization that verified `domain`, if it has an active SSO connection. */
async function askWorkOS(domain: string): Promise<string | undefined> {
  const client = workos();
  const organizations = await client.organizations.listOrganizations({ domains: [domain], limit: 10 });
  // WorkOS matches a domain in any state; only a verified one proves the organization owns it.
  const owners = organizations.data.filter((o) => o.domains.some((d) => d.domain.toLowerCase() === domain && d.state === "verified"));
  for (const organization of owners) {
    const connections = await client.sso.listConnections({ organizationId: organization.id, limit: 100 });
    if (connections.data.some((c) => c.state === "active")) return organization.id;
  }
  return undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The organization whose identity provider signs in `email`, or the one uniform "no SSO".
 * Errors: INVALID_ARGUMENT (not an email), RATE_LIMITED, WORKOS_ERROR (the lookup failed: try
 * again). The app then calls AuthKit's `signIn({ organizationId, loginHint: email })`.
 */
export const lookup = action({
  args: { email: v.string() },
  returns: lookupResult,
  handler: async (ctx, { email }): Promise<SsoLookupResult> => {
    const started = Date.now();
    try {
      const domain = emailDomain(email);
      if (domain === null) throw appError("INVALID_ARGUMENT", "That is not an email address. Type your work email, like you@company.com.");
      const refused = await ctx.runMutation(internal.sso.admit, { domain });
      if (refused !== null) {
        const seconds = Math.max(1, Math.ceil(refused.retryAfterMs / 1000));
        throw appError("RATE_LIMITED", `Too many SSO lookups just now. Wait ${seconds} seconds and try again.`);
      }
      const hit = await ctx.runQuery(internal.sso.cached, { domain });
      if (hit !== null) return hit;
      let organizationId: string | undefined;
      try {
        organizationId = await askWorkOS(domain);
      } catch (error) {
        if (error instanceof ConvexError) throw error;
        // Logged with WorkOS's details; the caller only learns that the check failed.
        workosError(error, { doing: `look up the SSO organization of ${domain}` });
        throw appError("WORKOS_ERROR", "We couldn't check whether your email uses SSO just now. Try again in a moment.");
      }
      await ctx.runMutation(internal.sso.remember, { domain, organizationId });
      return organizationId === undefined ? { sso: false } : { sso: true, organizationId };
    } finally {
      // A WorkOS answer slower than the minimum is rounded up to the next step of it, so what
      // remains of the difference between one and two WorkOS calls is hard to see.
      const elapsed = Date.now() - started;
      await sleep(Math.max(1, Math.ceil(elapsed / LOOKUP_MIN_MS)) * LOOKUP_MIN_MS - elapsed);
    }
  },
});

/**
 * The SSO connection the caller's organization signs in with (for the account page of a session
 * that came from SSO), or null when it has no active one.
 */
export const sessionConnection = viewerAction({
  args: {},
  returns: v.union(v.null(), v.object({ id: v.string(), name: v.string(), type: v.string() })),
  handler: async (ctx) => {
    const organizationId = ctx.viewer.orgId;
    if (organizationId === null) return null;
    let connections;
    try {
      connections = await workos().sso.listConnections({ organizationId, limit: 100 });
    } catch (error) {
      throw workosError(error, { doing: `list the SSO connections of ${organizationId}` });
    }
    const active = connections.data.find((c) => c.state === "active");
    return active === undefined ? null : { id: active.id, name: active.name, type: String(active.type) };
  },
});
