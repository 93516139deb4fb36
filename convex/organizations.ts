import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction, internalMutation, type MutationCtx, type QueryCtx } from "./_generated/server";
import { workosApiKey } from "./config";
import { appError, viewerAction } from "./functions";
import { ORGANIZATION_NAME_MAX_LENGTH } from "./limits";
import { workos } from "./workos/client";
import { callWorkOS } from "./workos/errors";
import { putOrganization } from "./workos/mirror";
import { fromSdk, organizationRecord } from "./workos/records";

/** A name older than this is fetched again (organizations get renamed). */
export const NAME_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** A fetch that failed (or found no API key) is tried again no sooner than this, on a later sign-in. */
export const RETRY_AFTER_MS = 10 * 60 * 1000;

/** WorkOS organization ids; checked before one becomes part of a URL. */
export function isOrganizationId(id: string): boolean {
  return /^org_[A-Za-z0-9_]{1,100}$/.test(id);
}

export async function findOrganization(ctx: QueryCtx, workosId: string) {
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
    if (row.deletedAt !== undefined) return;
    if (row.fetchedAt !== undefined && now - row.fetchedAt < NAME_MAX_AGE_MS) return;
    if (row.requestedAt !== undefined && now - row.requestedAt < RETRY_AFTER_MS) return;
    await ctx.db.patch("organizations", row._id, { requestedAt: now });
  } else {
    await ctx.db.insert("organizations", { workosId, requestedAt: now });
  }
  await ctx.scheduler.runAfter(0, internal.organizations.fetchName, { organizationId: workosId });
}

/**
 * Asks WorkOS (through the SDK) for one organization and mirrors it, for its name. The API key
 * stays in this deployment's environment; the browser never sees it. Every failure is logged and
 * swallowed: the app then shows the id, and the next sign-in after RETRY_AFTER_MS tries again.
 */
export const fetchName = internalAction({
  args: { organizationId: v.string() },
  returns: v.null(),
  handler: async (ctx, { organizationId }) => {
    if (!isOrganizationId(organizationId)) {
      console.error(`Not fetching a name for "${organizationId}": not a WorkOS organization id (org_…).`);
      return null;
    }
    if (workosApiKey() === null) {
      console.log(
        "WORKOS_API_KEY is not set in this Convex deployment, so organization names are not fetched and the app shows organization IDs. " +
          "To show names: `npx convex env set WORKOS_API_KEY sk_…` (the local stack sets it for you).",
      );
      return null;
    }
    let record;
    try {
      const organization = await workos().organizations.getOrganization(organizationId);
      if (typeof organization.name !== "string" || organization.name.trim() === "") throw new Error("the answer has no name");
      record = fromSdk.organization(organization);
    } catch (error) {
      const e = error as { status?: number; message?: string };
      const hint =
        e.status === 401 ? " WorkOS refused WORKOS_API_KEY: use the API key of the environment whose client ID is WORKOS_CLIENT_ID." : "";
      console.error(
        `Could not fetch /organizations/${organizationId} from WorkOS (${e.status ?? "no answer"}: ${e.message ?? String(error)}); ` +
          `the organization keeps showing its ID.${hint}`,
      );
      return null;
    }
    await ctx.runMutation(internal.organizations.saveName, record);
    return null;
  },
});

/** Mirrors a fetched organization and notes when its name was fetched. */
export const saveName = internalMutation({
  args: organizationRecord.fields,
  returns: v.null(),
  handler: async (ctx, record) => {
    await putOrganization(ctx, record);
    const row = await findOrganization(ctx, record.workosId);
    if (row !== null && row.deletedAt === undefined) await ctx.db.patch("organizations", row._id, { fetchedAt: Date.now() });
    return null;
  },
});

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw appError("INVALID_ARGUMENT", "An organization needs a name. Type one first.");
  if (trimmed.length > ORGANIZATION_NAME_MAX_LENGTH) {
    throw appError("INVALID_ARGUMENT", `An organization name can have at most ${ORGANIZATION_NAME_MAX_LENGTH} characters; this one has ${trimmed.length}.`);
  }
  return trimmed;
}

/**
 * Creates an organization in WorkOS with the caller as its `admin`, and mirrors both at once.
 * Returns its id; the app then calls AuthKit's `switchToOrganization({ organizationId })` so the
 * next token is for it.
 */
export const create = viewerAction({
  args: { name: v.string() },
  returns: v.object({ organizationId: v.string() }),
  handler: async (ctx, args) => {
    const name = cleanName(args.name);
    const client = workos();
    const organization = await callWorkOS({ doing: `create the organization "${name}"`, organizationName: name }, () =>
      client.organizations.createOrganization({ name }),
    );
    let membership;
    try {
      membership = await callWorkOS({ doing: `make ${ctx.viewer.subject} the admin of ${organization.id}`, organizationName: name }, () =>
        client.userManagement.createOrganizationMembership({
          userId: ctx.viewer.subject,
          organizationId: organization.id,
          roleSlug: "admin",
        }),
      );
    } catch (error) {
      // An organization nobody administers is useless: take it back.
      await client.organizations.deleteOrganization(organization.id).catch((cleanup: unknown) =>
        console.error(`Could not delete ${organization.id} after its admin membership failed: ${String(cleanup)}`),
      );
      throw error;
    }
    await ctx.runMutation(internal.workos.mirror.write, {
      organizations: [fromSdk.organization(organization)],
      memberships: [fromSdk.membership(membership)],
    });
    return { organizationId: organization.id };
  },
});
