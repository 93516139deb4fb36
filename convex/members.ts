import type { OrganizationMembership, WorkOS } from "@workos-inc/node";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { internalQuery, type QueryCtx } from "./_generated/server";
import { appError, managerAction, managerQuery, memberQuery, type Member } from "./functions";
import { workos } from "./workos/client";
import { callWorkOS, workosError } from "./workos/errors";
import { fromSdk, membershipStatus } from "./workos/records";

/** The role that administers an organization: the one a creator gets, and the last of which stays. */
export const ADMIN_ROLE = "admin";

const memberView = v.object({
  /** The WorkOS membership id (`om_…`): what changeRole and remove take. */
  membershipId: v.string(),
  userId: v.string(),
  name: v.union(v.string(), v.null()),
  email: v.union(v.string(), v.null()),
  role: v.string(),
  status: membershipStatus,
  directoryManaged: v.boolean(),
  isYou: v.boolean(),
});

async function profileOf(ctx: QueryCtx, userId: string): Promise<{ name: string | null; email: string | null }> {
  const mirrored = await ctx.db
    .query("workosUsers")
    .withIndex("by_workos_id", (q) => q.eq("workosId", userId))
    .unique();
  if (mirrored !== null && mirrored.deletedAt === undefined) {
    const name = [mirrored.firstName, mirrored.lastName].filter(Boolean).join(" ");
    return { name: name === "" ? null : name, email: mirrored.email };
  }
  // Someone the mirror has no profile for, who has signed in here: what they told us.
  const local = await ctx.db
    .query("users")
    .withIndex("by_subject", (q) => q.eq("subject", userId))
    .first();
  return { name: local?.name ?? null, email: local?.email ?? null };
}

/**
 * The organization's members as the mirror knows them (active, inactive and pending; removed
 * ones are gone), admins first, then by name. Every member may see it.
 */
export const list = memberQuery({
  args: {},
  returns: v.array(memberView),
  handler: async (ctx) => {
    const rows = await ctx.db
      .query("memberships")
      .withIndex("by_organization", (q) => q.eq("organizationId", ctx.member.orgId))
      .collect();
    const members = await Promise.all(
      rows
        .filter((m) => m.deletedAt === undefined)
        .map(async (m) => ({
          membershipId: m.workosId,
          userId: m.userId,
          ...(await profileOf(ctx, m.userId)),
          role: m.role,
          status: m.status,
          directoryManaged: m.directoryManaged,
          isYou: m.userId === ctx.viewer.subject,
        })),
    );
    const rank = (m: { role: string }) => (m.role === ADMIN_ROLE ? 0 : 1);
    return members.sort((a, b) => rank(a) - rank(b) || (a.name ?? a.email ?? "").localeCompare(b.name ?? b.email ?? ""));
  },
});

/** A mirrored membership of the caller's organization, for the actions below. */
export const mirrored = internalQuery({
  args: { organizationId: v.string(), membershipId: v.string() },
  handler: async (ctx, { organizationId, membershipId }): Promise<Doc<"memberships"> | null> => {
    const row = await ctx.db
      .query("memberships")
      .withIndex("by_workos_id", (q) => q.eq("workosId", membershipId))
      .unique();
    return row !== null && row.organizationId === organizationId && row.deletedAt === undefined ? row : null;
  },
});

const notFound = () => appError("NOT_FOUND", "This member is not in your organization (any more). Reload the list and try again.");

/**
 * The target membership, fresh from WorkOS, and the organization's other active admins: WorkOS
 * is asked rather than the mirror, so "the last admin" is decided on what WorkOS holds now.
 */
async function targetAndAdmins(client: WorkOS, member: Member, membershipId: string) {
  if (!/^om_[A-Za-z0-9]{1,100}$/.test(membershipId)) throw notFound();
  const context = { doing: `read the memberships of ${member.orgId}`, organizationName: member.orgName ?? undefined };
  const active = await callWorkOS(context, async () =>
    (await client.userManagement.listOrganizationMemberships({ organizationId: member.orgId, statuses: ["active"] })).autoPagination(),
  );
  let target: OrganizationMembership | undefined = active.find((m) => m.id === membershipId);
  if (target === undefined) {
    target = await client.userManagement.getOrganizationMembership(membershipId).catch((error: { status?: number }) => {
      if (error.status === 404) throw notFound();
      throw workosError(error, context);
    });
  }
  if (target.organizationId !== member.orgId) throw notFound();
  const otherAdmins = active.filter((m) => m.id !== membershipId && m.role.slug === ADMIN_ROLE);
  return { target, active, otherAdmins };
}

const directoryManaged = () =>
  appError(
    "FORBIDDEN",
    "This member's role comes from your organization's directory (Directory Sync): from the groups they are in, as your directory maps groups to roles. It cannot be changed here: change their groups in your identity provider, or the group's role in the Admin Portal.",
  );

/**
 * Gives a member another role. A membership the organization's directory manages keeps the role
 * its groups map to (WorkOS would put it back at the next sync), so it is refused. Nobody demotes
 * the organization's last admin (themselves included). The mirror gets the new role, and the organization's roles with their permissions,
 * at once: the member's access changes on their next query, before their token is refreshed.
 */
export const changeRole = managerAction({
  args: { membershipId: v.string(), role: v.string() },
  returns: v.null(),
  handler: async (ctx, { membershipId, role }) => {
    const slug = role.trim();
    if (!/^[a-z0-9][a-z0-9_:-]{0,63}$/.test(slug)) throw appError("INVALID_ARGUMENT", `"${role}" is not a role. Pick one of the organization's roles.`);
    const mirroredRow = await ctx.runQuery(internal.members.mirrored, { organizationId: ctx.member.orgId, membershipId });
    if (mirroredRow?.directoryManaged === true) throw directoryManaged();
    const client = workos();
    const { target, otherAdmins } = await targetAndAdmins(client, ctx.member, membershipId);
    if (target.directoryManaged === true) throw directoryManaged();
    if (target.role.slug === slug) return null;
    if (target.role.slug === ADMIN_ROLE && target.status === "active" && otherAdmins.length === 0) {
      throw appError(
        "LAST_ADMIN",
        target.userId === ctx.viewer.subject
          ? "You are this organization's only admin. Make someone else an admin before you change your own role."
          : "This is the organization's only admin. Make someone else an admin first.",
      );
    }
    const context = { doing: `give ${membershipId} the role "${slug}"`, role: slug, organizationName: ctx.member.orgName ?? undefined };
    const updated = await callWorkOS(context, () => client.userManagement.updateOrganizationMembership(membershipId, { roleSlug: slug }));
    const roles = await callWorkOS({ doing: `read the roles of ${ctx.member.orgId}` }, () =>
      client.organizations.listOrganizationRoles({ organizationId: ctx.member.orgId }),
    ).catch((error: unknown) => {
      // The role change itself went through; without the permissions the member gets none
      // until the role is mirrored (access.ts), which is the safe side.
      console.error(`Roles of ${ctx.member.orgId} not mirrored: ${String(error)}`);
      return { data: [] };
    });
    await ctx.runMutation(internal.workos.mirror.write, {
      memberships: [fromSdk.membership(updated)],
      roles: roles.data.map((r) => fromSdk.role(r, ctx.member.orgId)),
    });
    return null;
  },
});

/**
 * Removes a member from the organization. Nobody removes its last admin. The mirror drops the
 * membership at once, so the removed member's open pages lose access on their next query.
 */
export const remove = managerAction({
  args: { membershipId: v.string() },
  returns: v.null(),
  handler: async (ctx, { membershipId }) => {
    const client = workos();
    const { target, otherAdmins } = await targetAndAdmins(client, ctx.member, membershipId);
    if (target.role.slug === ADMIN_ROLE && target.status === "active" && otherAdmins.length === 0) {
      throw appError(
        "LAST_ADMIN",
        target.userId === ctx.viewer.subject
          ? "You are this organization's only admin, so you cannot leave it. Make someone else an admin first."
          : "This is the organization's only admin. Make someone else an admin first.",
      );
    }
    await callWorkOS({ doing: `remove ${membershipId}` }, () => client.userManagement.deleteOrganizationMembership(membershipId));
    await ctx.runMutation(internal.workos.mirror.write, {
      deletedMemberships: [{ ...fromSdk.membership(target), updatedAt: Date.now() }],
    });
    return null;
  },
});

/**
 * WorkOS's default role: what a membership gets when nothing else is said. Every environment has
 * it, so it is offered even before the mirror has read the environment's roles.
 */
export const DEFAULT_ROLE = "member";

/**
 * The roles a manager can give in the caller's organization, for the app's Role selects: the
 * environment's and the organization's roles the mirror knows, the roles its members hold, and
 * WorkOS's admin and default roles; admin first, then by slug. WorkOS checks the role again on
 * every change, so a role the mirror still lists after WorkOS dropped it is refused there.
 */
export const roles = managerQuery({
  args: {},
  returns: v.array(v.string()),
  handler: async (ctx) => {
    const slugs = new Set([ADMIN_ROLE, DEFAULT_ROLE]);
    // A WorkOS environment has a handful of roles: the whole table is small.
    for (const role of await ctx.db.query("roles").collect()) {
      const here = role.organizationId === undefined || role.organizationId === ctx.member.orgId;
      if (here && role.deletedAt === undefined) slugs.add(role.slug);
    }
    const memberships = await ctx.db
      .query("memberships")
      .withIndex("by_organization", (q) => q.eq("organizationId", ctx.member.orgId))
      .collect();
    for (const m of memberships) if (m.deletedAt === undefined) slugs.add(m.role);
    return [...slugs].sort((a, b) => Number(b === ADMIN_ROLE) - Number(a === ADMIN_ROLE) || a.localeCompare(b));
  },
});
