import { v, type Infer } from "convex/values";
import { internalQuery, type QueryCtx } from "./_generated/server";

/**
 * Whether the caller may act in the organization their token names, and with which role and
 * permissions: the token says who they are and where they are signed in; the WorkOS mirror says
 * whether that membership still holds and what its role is now. A removal, deactivation or role
 * change takes effect on the caller's next query (and live: queries re-run when the mirror
 * changes), not when their token is next refreshed. Where the mirror knows nothing about the
 * membership (no webhook or backfill has reached this deployment yet) the token's claims apply.
 */

export const tokenClaims = v.object({
  subject: v.string(),
  orgId: v.union(v.string(), v.null()),
  role: v.union(v.string(), v.null()),
  permissions: v.array(v.string()),
});
export type TokenClaims = Infer<typeof tokenClaims>;

export const accessValidator = v.union(
  v.object({ kind: v.literal("no_organization") }),
  v.object({
    kind: v.literal("member"),
    organizationId: v.string(),
    organizationName: v.union(v.string(), v.null()),
    /** Where role and permissions came from: the mirrored membership, or the token alone. */
    source: v.union(v.literal("mirror"), v.literal("token")),
    membershipId: v.union(v.string(), v.null()),
    role: v.string(),
    permissions: v.array(v.string()),
  }),
  v.object({
    kind: v.literal("not_member"),
    organizationId: v.string(),
    organizationName: v.union(v.string(), v.null()),
    reason: v.union(v.literal("removed"), v.literal("deactivated"), v.literal("pending"), v.literal("organization_deleted")),
  }),
);
export type Access = Infer<typeof accessValidator>;

/** The permissions of `slug` in `organizationId`: its organization role, else the environment role. */
async function rolePermissions(db: QueryCtx["db"], organizationId: string, slug: string): Promise<string[] | null> {
  for (const org of [organizationId, undefined]) {
    const role = await db
      .query("roles")
      .withIndex("by_slug_and_organization", (q) => q.eq("slug", slug).eq("organizationId", org))
      .unique();
    if (role !== null) return role.deletedAt === undefined ? role.permissions : [];
  }
  return null;
}

export async function resolveAccess(db: QueryCtx["db"], claims: TokenClaims): Promise<Access> {
  const { orgId } = claims;
  if (orgId === null) return { kind: "no_organization" };
  const organization = await db
    .query("organizations")
    .withIndex("by_workos_id", (q) => q.eq("workosId", orgId))
    .unique();
  const organizationName = organization?.name ?? null;
  if (organization?.deletedAt !== undefined) {
    return { kind: "not_member", organizationId: orgId, organizationName, reason: "organization_deleted" };
  }
  const rows = await db
    .query("memberships")
    .withIndex("by_user_and_organization", (q) => q.eq("userId", claims.subject).eq("organizationId", orgId))
    .collect();
  if (rows.length === 0) {
    return {
      kind: "member",
      organizationId: orgId,
      organizationName,
      source: "token",
      membershipId: null,
      role: claims.role ?? "member",
      permissions: claims.permissions,
    };
  }
  const newest = (list: typeof rows) => list.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
  const active = rows.filter((m) => m.deletedAt === undefined && m.status === "active");
  if (active.length === 0) {
    const latest = newest(rows);
    const reason = latest.deletedAt !== undefined ? "removed" : latest.status === "pending" ? "pending" : "deactivated";
    return { kind: "not_member", organizationId: orgId, organizationName, reason };
  }
  const membership = newest(active);
  // A role the mirror has no permissions for: the token's, if it names the same role; otherwise
  // none until the role is mirrored (a demoted admin must not keep the admin's permissions).
  const permissions =
    (await rolePermissions(db, orgId, membership.role)) ?? (membership.role === claims.role ? claims.permissions : []);
  return {
    kind: "member",
    organizationId: orgId,
    organizationName,
    source: "mirror",
    membershipId: membership.workosId,
    role: membership.role,
    permissions,
  };
}

/** `resolveAccess` for actions, which cannot read the database themselves. */
export const forAction = internalQuery({
  args: tokenClaims.fields,
  returns: accessValidator,
  handler: async (ctx, claims) => await resolveAccess(ctx.db, claims),
});
