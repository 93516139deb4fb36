import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx, QueryCtx } from "./_generated/server";
import { appError, notAMemberMessage, viewerMutation, viewerQuery, type Viewer } from "./functions";
import { PROFILE_FIELD_MAX_LENGTH } from "./limits";
import { organizationNames, requestNameIfStale } from "./organizations";
import schema from "./schema";

export async function findUser(ctx: QueryCtx, viewer: Viewer): Promise<Doc<"users"> | null> {
  return await ctx.db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", viewer.tokenIdentifier))
    .unique();
}

/** The caller's row, created on first use so writes never depend on `store` having run. */
export async function ensureUser(ctx: MutationCtx, viewer: Viewer): Promise<Id<"users">> {
  const existing = await findUser(ctx, viewer);
  if (existing) return existing._id;
  return await ctx.db.insert("users", {
    tokenIdentifier: viewer.tokenIdentifier,
    subject: viewer.identity.subject,
    email: viewer.identity.email,
    name: viewer.identity.name,
    organizationIds: viewer.orgId === null ? [] : [viewer.orgId],
    updatedAt: Date.now(),
  });
}

function cleanProfileField(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed.length > PROFILE_FIELD_MAX_LENGTH) {
    throw appError(
      "INVALID_ARGUMENT",
      `The ${field} is too long (${trimmed.length} characters, at most ${PROFILE_FIELD_MAX_LENGTH}).`,
    );
  }
  return trimmed === "" ? undefined : trimmed;
}

/**
 * Creates or updates the caller's row. The app calls it once Convex has confirmed the token.
 * WorkOS access tokens carry no profile by default, so the profile comes from the signed-in
 * client (AuthKit's `user`); claims added through the WorkOS JWT template (`email`, `name`) win
 * over it, because those are signed. Calling it again with the same data writes nothing. It
 * also asks WorkOS for the name of the token's organization when that name is unknown or stale.
 */
export const store = viewerMutation({
  args: { email: v.optional(v.string()), name: v.optional(v.string()) },
  returns: v.id("users"),
  handler: async (ctx, args) => {
    const { identity } = ctx.viewer;
    const email = identity.email ?? cleanProfileField("email", args.email);
    const name = identity.name ?? cleanProfileField("name", args.name);
    const { orgId } = ctx.viewer;
    if (orgId !== null) await requestNameIfStale(ctx, orgId);
    const existing = await findUser(ctx, ctx.viewer);
    if (existing === null) {
      return await ctx.db.insert("users", {
        tokenIdentifier: ctx.viewer.tokenIdentifier,
        subject: identity.subject,
        email,
        name,
        organizationIds: orgId === null ? [] : [orgId],
        updatedAt: Date.now(),
      });
    }
    const known = existing.organizationIds ?? [];
    const organizationIds = orgId === null || known.includes(orgId) ? known : [...known, orgId];
    if (existing.email !== email || existing.name !== name || organizationIds !== known) {
      await ctx.db.patch("users", existing._id, { email, name, organizationIds, updatedAt: Date.now() });
    }
    return existing._id;
  },
});

/** The organizations the mirror says the user is an active member of. */
async function mirroredOrganizationIds(ctx: QueryCtx, subject: string): Promise<string[]> {
  const rows = await ctx.db
    .query("memberships")
    .withIndex("by_user_and_organization", (q) => q.eq("userId", subject))
    .collect();
  return rows.filter((m) => m.deletedAt === undefined && m.status === "active").map((m) => m.organizationId);
}

/**
 * The caller as Convex sees them: the stored profile (null until `store` has run), what the
 * verified token says about the session (role and permissions as they apply now: the mirrored
 * membership's when there is one), and the names of the caller's organizations (those they
 * signed in to here, those the WorkOS mirror lists, and the session's), null while unknown.
 */
export const me = viewerQuery({
  args: {},
  returns: v.object({
    user: v.union(schema.doc("users"), v.null()),
    subject: v.string(),
    issuer: v.string(),
    orgId: v.union(v.string(), v.null()),
    role: v.union(v.string(), v.null()),
    permissions: v.array(v.string()),
    organizations: v.array(v.object({ id: v.string(), name: v.union(v.string(), v.null()) })),
    /**
     * Why the caller may not use their session's organization any more (removed, deactivated,
     * not joined yet, or the organization deleted; the sentence NOT_A_MEMBER carries), else null.
     * Live: the app shows it as a page the moment WorkOS's change reaches the mirror.
     */
    accessProblem: v.union(v.string(), v.null()),
  }),
  handler: async (ctx) => {
    const user = await findUser(ctx, ctx.viewer);
    const { orgId } = ctx.viewer;
    const ids = [...(user?.organizationIds ?? []), ...(await mirroredOrganizationIds(ctx, ctx.viewer.subject))];
    if (orgId !== null) ids.push(orgId);
    const organizations = await organizationNames(ctx, [...new Set(ids)]);
    return {
      user,
      subject: ctx.viewer.identity.subject,
      issuer: ctx.viewer.identity.issuer,
      orgId: ctx.viewer.orgId,
      role: ctx.viewer.role,
      permissions: ctx.viewer.permissions,
      organizations,
      accessProblem: ctx.viewer.access.kind === "not_member" ? notAMemberMessage(ctx.viewer.access) : null,
    };
  },
});
