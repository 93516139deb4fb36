import { v } from "convex/values";
import { internal } from "./_generated/api";
import { env, internalAction, internalMutation, type MutationCtx, type QueryCtx } from "./_generated/server";
import { ORGANIZATION_NAME_MAX_LENGTH } from "./limits";

/** A name older than this is fetched again (organizations get renamed). */
export const NAME_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** A fetch that failed (or found no API key) is tried again no sooner than this, on a later sign-in. */
export const RETRY_AFTER_MS = 10 * 60 * 1000;

/** WorkOS organization ids; checked before one becomes part of a URL. */
export function isOrganizationId(id: string): boolean {
  return /^org_[A-Za-z0-9_]{1,100}$/.test(id);
}

async function findOrganization(ctx: QueryCtx, workosId: string) {
  return await ctx.db
    .query("organizations")
    .withIndex("by_workos_id", (q) => q.eq("workosId", workosId))
    .unique();
}

/** The known name of each organization (null when unknown), in the order given. */
export async function organizationNames(ctx: QueryCtx, ids: string[]): Promise<{ id: string; name: string | null }[]> {
  return await Promise.all(ids.map(async (id) => ({ id, name: (await findOrganization(ctx, id))?.name ?? null })));
}

/**
 * Schedules `fetchName` when the name is unknown or stale. The request is recorded in the same
 * transaction, so concurrent sign-ins schedule one fetch, and a failing one is not retried on
 * every call (no retry storm against WorkOS).
 */
export async function requestNameIfStale(ctx: MutationCtx, workosId: string): Promise<void> {
  if (!isOrganizationId(workosId)) return;
  const now = Date.now();
  const row = await findOrganization(ctx, workosId);
  if (row !== null) {
    if (row.fetchedAt !== undefined && now - row.fetchedAt < NAME_MAX_AGE_MS) return;
    if (now - row.requestedAt < RETRY_AFTER_MS) return;
    await ctx.db.patch("organizations", row._id, { requestedAt: now });
  } else {
    await ctx.db.insert("organizations", { workosId, requestedAt: now });
  }
  await ctx.scheduler.runAfter(0, internal.organizations.fetchName, { organizationId: workosId });
}

function workosApiUrl(): string {
  // The same variable and default as auth.config.ts: a custom auth domain or the local AuthKit.
  return (env.WORKOS_API_URL || "https://api.workos.com").replace(/\/+$/, "");
}

/**
 * Asks WorkOS's Organizations API for one organization's name. The API key stays in this
 * deployment's environment; the browser never sees it. Every failure is logged and swallowed:
 * the app then shows the id, and the next sign-in after RETRY_AFTER_MS tries again.
 */
export const fetchName = internalAction({
  args: { organizationId: v.string() },
  handler: async (ctx, { organizationId }) => {
    if (!isOrganizationId(organizationId)) {
      console.error(`Not fetching a name for "${organizationId}": not a WorkOS organization id (org_…).`);
      return;
    }
    const apiKey = env.WORKOS_API_KEY;
    if (!apiKey) {
      console.log(
        "WORKOS_API_KEY is not set in this Convex deployment, so organization names are not fetched and the app shows organization IDs. " +
          "To show names: `npx convex env set WORKOS_API_KEY sk_…` (the local stack sets it for you).",
      );
      return;
    }
    const where = `${workosApiUrl()}/organizations/${organizationId}`;
    let response: Response;
    try {
      response = await fetch(where, { headers: { Authorization: `Bearer ${apiKey}`, Accept: "application/json" } });
    } catch (error) {
      console.error(`Could not reach ${where} for the organization's name: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!response.ok) {
      const hint =
        response.status === 401
          ? " WorkOS refused WORKOS_API_KEY: use the API key of the environment whose client ID is WORKOS_CLIENT_ID."
          : "";
      console.error(`${where} answered ${response.status}; the organization keeps showing its ID.${hint}`);
      return;
    }
    const body: unknown = await response.json().catch(() => null);
    const name = typeof body === "object" && body !== null && "name" in body && typeof body.name === "string" ? body.name.trim() : "";
    if (name === "") {
      console.error(`${where} answered without an organization name; the organization keeps showing its ID.`);
      return;
    }
    await ctx.runMutation(internal.organizations.saveName, {
      organizationId,
      name: name.slice(0, ORGANIZATION_NAME_MAX_LENGTH),
    });
  },
});

export const saveName = internalMutation({
  args: { organizationId: v.string(), name: v.string() },
  handler: async (ctx, { organizationId, name }) => {
    const now = Date.now();
    const row = await findOrganization(ctx, organizationId);
    if (row === null) {
      await ctx.db.insert("organizations", { workosId: organizationId, name, fetchedAt: now, requestedAt: now });
    } else if (row.name !== name || row.fetchedAt === undefined || now - row.fetchedAt >= NAME_MAX_AGE_MS) {
      await ctx.db.patch("organizations", row._id, { name, fetchedAt: now });
    }
  },
});
