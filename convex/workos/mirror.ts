import { v, type Infer } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { ORGANIZATION_NAME_MAX_LENGTH } from "../limits";
import {
  connectionRecord,
  directoryRecord,
  fromWire,
  invitationRecord,
  membershipRecord,
  organizationRecord,
  roleRecord,
  userRecord,
  type ConnectionRecord,
  type DirectoryGroupRecord,
  type DirectoryRecord,
  type DirectoryUserRecord,
  type InvitationRecord,
  type MembershipRecord,
  type OrganizationRecord,
  type RoleRecord,
  type UserRecord,
} from "./records";
import { forgetSessionRevocation, requestSessionRevocation } from "./sessions";

/**
 * Writes WorkOS objects into the mirror tables, whichever way they arrive: a webhook, an action
 * that just changed WorkOS, or the backfill. One rule for all: a record replaces the row only
 * when its `updatedAt` is newer (WorkOS does not deliver in order, and an action's own write is
 * later confirmed by the webhook with the same `updated_at`: no second write, no flicker); a
 * deleted object stays as a tombstone that nothing brings back.
 */

export type Outcome = "applied" | "stale";

type Mirrored =
  | "organizations"
  | "memberships"
  | "invitations"
  | "workosUsers"
  | "connections"
  | "directories"
  | "directoryUsers"
  | "directoryGroups";

async function byWorkosId<T extends Mirrored>(ctx: MutationCtx, table: T, workosId: string): Promise<Doc<T> | null> {
  // Every mirrored table has a `by_workos_id` index on `workosId`; one table's types stand for all.
  return (await ctx.db
    .query(table as "organizations")
    .withIndex("by_workos_id", (q) => q.eq("workosId", workosId))
    .unique()) as Doc<T> | null;
}

/** The rule above for one row; `fields` is what the record writes. */
async function put<T extends Mirrored>(
  ctx: MutationCtx,
  table: T,
  record: { workosId: string; updatedAt: number },
  fields: Partial<Doc<T>>,
  deleted: boolean,
): Promise<Outcome> {
  const row = await byWorkosId(ctx, table, record.workosId);
  const deletedAt = deleted ? { deletedAt: Date.now() } : {};
  if (row === null) {
    // A delete for an object never seen still leaves a tombstone, so its late `created` is refused.
    await ctx.db.insert(table, { ...fields, ...deletedAt } as never);
    return "applied";
  }
  if (row.deletedAt !== undefined) return "stale";
  if (!deleted && row.updatedAt !== undefined && record.updatedAt <= row.updatedAt) return "stale";
  await ctx.db.patch(table, row._id, { ...fields, ...deletedAt } as never);
  return "applied";
}

export function putOrganization(ctx: MutationCtx, o: OrganizationRecord, deleted = false) {
  // A record without `domains` leaves the mirrored ones as they are (a patch with undefined would drop them).
  const { domains, ...rest } = o;
  const fields = { ...rest, name: o.name.trim().slice(0, ORGANIZATION_NAME_MAX_LENGTH), ...(domains !== undefined && { domains }) };
  return put(ctx, "organizations", o, fields, deleted);
}

/** The people a directory user is (AuthKit users with its email; WorkOS provisions one). */
async function peopleOf(ctx: MutationCtx, user: DirectoryUserRecord) {
  if (user.email === undefined) return [];
  const email = user.email;
  return await ctx.db
    .query("workosUsers")
    .withIndex("by_email", (q) => q.eq("email", email))
    .collect();
}

async function membershipsOf(ctx: MutationCtx, userId: string, organizationId: string) {
  const rows = await ctx.db
    .query("memberships")
    .withIndex("by_user_and_organization", (q) => q.eq("userId", userId).eq("organizationId", organizationId))
    .collect();
  return rows.filter((m) => m.deletedAt === undefined && m.directoryManaged);
}

/**
 * A directory user who is deactivated or deleted loses access at once: their directory-managed
 * membership of the organization is made inactive here, without waiting for WorkOS's
 * `organization_membership.updated`, which may arrive later or not before the next query.
 * Access (access.ts) follows the mirror, so the person's open tabs lose the organization's data
 * on their next query and every write is refused; their WorkOS sessions in the organization are
 * ended too (sessions.ts), also when WorkOS's own deactivation got here first.
 */
async function deprovision(ctx: MutationCtx, user: DirectoryUserRecord, at: number): Promise<void> {
  for (const person of await peopleOf(ctx, user)) {
    for (const m of await membershipsOf(ctx, person.workosId, user.organizationId)) {
      await requestSessionRevocation(ctx, m.userId, m.organizationId);
      if (m.status !== "active") continue;
      // Its `updatedAt` moves to the deprovisioning's, so an older "active" delivery cannot undo it.
      await ctx.db.patch("memberships", m._id, { status: "inactive", updatedAt: Math.max(m.updatedAt, at) });
    }
  }
}

/**
 * The role WorkOS maps an active directory user to (from their groups) reaches their
 * directory-managed membership at once, when it is newer than the membership the mirror has:
 * `dsync.user.updated` and WorkOS's `organization_membership.updated` come in any order. The
 * membership's `updatedAt` moves to the directory user's, so an older membership delivery with
 * the old role is stale; a newer one (WorkOS's word on the membership) is applied as it is.
 */
async function followDirectoryRole(ctx: MutationCtx, user: DirectoryUserRecord): Promise<void> {
  if (user.roleSlug === undefined) return;
  for (const person of await peopleOf(ctx, user)) {
    for (const m of await membershipsOf(ctx, person.workosId, user.organizationId)) {
      if (m.status !== "active" || m.role === user.roleSlug || m.updatedAt >= user.updatedAt) continue;
      await ctx.db.patch("memberships", m._id, { role: user.roleSlug, updatedAt: user.updatedAt });
    }
  }
}

/** The directory's latest word on this person in the organization: their newest directory user there, if any. */
async function directoryUserOf(ctx: MutationCtx, userId: string, organizationId: string): Promise<Doc<"directoryUsers"> | null> {
  const person = await byWorkosId(ctx, "workosUsers", userId);
  if (person === null) return null;
  const entries = await ctx.db
    .query("directoryUsers")
    .withIndex("by_organization_and_email", (q) => q.eq("organizationId", organizationId).eq("email", person.email.toLowerCase()))
    .collect();
  return entries.length === 0 ? null : entries.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
}

/**
 * A directory-managed membership as the directory has it, whichever arrived first: one older than
 * the directory's deprovisioning of its person is written inactive (the directory has the last
 * word), and an active one older than the directory user's role gets that role.
 */
async function asTheDirectorySays(ctx: MutationCtx, m: MembershipRecord): Promise<{ record: MembershipRecord; deprovisioned: boolean }> {
  if (!m.directoryManaged) return { record: m, deprovisioned: false };
  const entry = await directoryUserOf(ctx, m.userId, m.organizationId);
  if (entry === null) return { record: m, deprovisioned: false };
  const gone = entry.deletedAt !== undefined || entry.state !== "active";
  if (gone && entry.updatedAt >= m.updatedAt) return { record: m.status === "active" ? { ...m, status: "inactive" } : m, deprovisioned: true };
  if (!gone && m.status === "active" && entry.roleSlug !== undefined && entry.updatedAt > m.updatedAt) return { record: { ...m, role: entry.roleSlug }, deprovisioned: false };
  return { record: m, deprovisioned: false };
}

export async function putMembership(ctx: MutationCtx, m: MembershipRecord, deleted = false) {
  if (deleted) return put(ctx, "memberships", m, m, true);
  const { record, deprovisioned } = await asTheDirectorySays(ctx, m);
  const outcome = await put(ctx, "memberships", m, record, false);
  if (outcome === "applied") {
    if (deprovisioned) await requestSessionRevocation(ctx, m.userId, m.organizationId);
    else if (record.status === "active") await forgetSessionRevocation(ctx, m.userId, m.organizationId);
  }
  return outcome;
}
export function putConnection(ctx: MutationCtx, c: ConnectionRecord, deleted = false) {
  return put(ctx, "connections", c, c, deleted);
}

export async function putDirectory(ctx: MutationCtx, d: DirectoryRecord, deleted = false): Promise<Outcome> {
  const outcome = await put(ctx, "directories", d, d, deleted);
  if (deleted && outcome === "applied") {
    // WorkOS announces a deleted directory with `dsync.deleted` alone: its users go with it.
    const users = await ctx.db
      .query("directoryUsers")
      .withIndex("by_directory", (q) => q.eq("directoryId", d.workosId))
      .collect();
    for (const user of users) {
      if (user.deletedAt !== undefined) continue;
      await ctx.db.patch("directoryUsers", user._id, { deletedAt: Date.now() });
      await deprovision(ctx, user, d.updatedAt);
    }
  }
  return outcome;
}

export async function putDirectoryUser(ctx: MutationCtx, u: DirectoryUserRecord, deleted = false): Promise<Outcome> {
  const outcome = await put(ctx, "directoryUsers", u, u, deleted);
  if (outcome !== "applied") return outcome;
  if (deleted || u.state !== "active") await deprovision(ctx, u, u.updatedAt);
  else await followDirectoryRole(ctx, u);
  return outcome;
}

export function putDirectoryGroup(ctx: MutationCtx, g: DirectoryGroupRecord, deleted = false) {
  return put(ctx, "directoryGroups", g, g, deleted);
}

/** `dsync.group.user_added` / `user_removed`, ordered by the event's time (the edge has no `updated_at`). */
async function putGroupMember(ctx: MutationCtx, data: unknown, present: boolean, changedAt: number): Promise<Outcome> {
  const { user, group } = data as { user: Parameters<typeof fromWire.directoryUser>[0]; group: Parameters<typeof fromWire.directoryGroup>[0] };
  const u = fromWire.directoryUser(user);
  const g = fromWire.directoryGroup(group);
  await putDirectoryUser(ctx, u);
  await putDirectoryGroup(ctx, g);
  const row = await ctx.db
    .query("directoryGroupMembers")
    .withIndex("by_group_and_user", (q) => q.eq("groupId", g.workosId).eq("directoryUserId", u.workosId))
    .unique();
  if (row === null) {
    await ctx.db.insert("directoryGroupMembers", { directoryId: g.directoryId, groupId: g.workosId, directoryUserId: u.workosId, present, changedAt });
    return "applied";
  }
  if (changedAt < row.changedAt) return "stale";
  await ctx.db.patch("directoryGroupMembers", row._id, { present, changedAt });
  return "applied";
}
export function putInvitation(ctx: MutationCtx, i: InvitationRecord, deleted = false) {
  return put(ctx, "invitations", i, i, deleted);
}
export function putUser(ctx: MutationCtx, u: UserRecord, deleted = false) {
  return put(ctx, "workosUsers", u, u, deleted);
}

export async function putRole(ctx: MutationCtx, r: RoleRecord, deleted = false): Promise<Outcome> {
  const row = await ctx.db
    .query("roles")
    .withIndex("by_slug_and_organization", (q) => q.eq("slug", r.slug).eq("organizationId", r.organizationId))
    .unique();
  // Role slugs are reused (a role deleted and made again), so a newer record revives a role.
  if (row !== null && r.updatedAt <= row.updatedAt && !(deleted && row.deletedAt === undefined)) return "stale";
  const fields = { ...r, deletedAt: deleted ? Date.now() : undefined };
  if (row === null) await ctx.db.insert("roles", fields);
  else await ctx.db.patch("roles", row._id, fields);
  return "applied";
}

export const mirrorBatch = v.object({
  organizations: v.optional(v.array(organizationRecord)),
  memberships: v.optional(v.array(membershipRecord)),
  invitations: v.optional(v.array(invitationRecord)),
  users: v.optional(v.array(userRecord)),
  roles: v.optional(v.array(roleRecord)),
  deletedMemberships: v.optional(v.array(membershipRecord)),
  connections: v.optional(v.array(connectionRecord)),
  directories: v.optional(v.array(directoryRecord)),
});
export type MirrorBatch = Infer<typeof mirrorBatch>;

/** What actions and the backfill call after WorkOS has answered: the result goes in at once. */
export const write = internalMutation({
  args: mirrorBatch.fields,
  returns: v.null(),
  handler: async (ctx, batch) => {
    for (const o of batch.organizations ?? []) await putOrganization(ctx, o);
    for (const u of batch.users ?? []) await putUser(ctx, u);
    for (const r of batch.roles ?? []) await putRole(ctx, r);
    for (const m of batch.memberships ?? []) await putMembership(ctx, m);
    for (const m of batch.deletedMemberships ?? []) await putMembership(ctx, m, true);
    for (const i of batch.invitations ?? []) await putInvitation(ctx, i);
    for (const c of batch.connections ?? []) await putConnection(ctx, c);
    for (const d of batch.directories ?? []) await putDirectory(ctx, d);
    return null;
  },
});

/** `at`: the event's `created_at` in ms (the delivery's time when the envelope has none). */
type Handler = (ctx: MutationCtx, data: never, at: number) => Promise<Outcome>;

/** The events the mirror follows, each with how it changes the mirror. */
const HANDLERS: Record<string, Handler> = {
  "user.created": (ctx, d) => putUser(ctx, fromWire.user(d)),
  "user.updated": (ctx, d) => putUser(ctx, fromWire.user(d)),
  "user.deleted": (ctx, d) => putUser(ctx, fromWire.user(d), true),
  "organization.created": (ctx, d) => putOrganization(ctx, fromWire.organization(d)),
  "organization.updated": (ctx, d) => putOrganization(ctx, fromWire.organization(d)),
  "organization.deleted": (ctx, d) => putOrganization(ctx, fromWire.organization(d), true),
  "organization_membership.created": (ctx, d) => putMembership(ctx, fromWire.membership(d)),
  "organization_membership.updated": (ctx, d) => putMembership(ctx, fromWire.membership(d)),
  "organization_membership.deleted": (ctx, d) => putMembership(ctx, fromWire.membership(d), true),
  "invitation.created": (ctx, d) => putInvitation(ctx, fromWire.invitation(d)),
  "invitation.accepted": (ctx, d) => putInvitation(ctx, fromWire.invitation(d)),
  "invitation.revoked": (ctx, d) => putInvitation(ctx, fromWire.invitation(d)),
  "invitation.resent": (ctx, d) => putInvitation(ctx, fromWire.invitation(d)),
  "role.created": (ctx, d) => putRole(ctx, fromWire.role(d)),
  "role.updated": (ctx, d) => putRole(ctx, fromWire.role(d)),
  "role.deleted": (ctx, d) => putRole(ctx, fromWire.role(d), true),
  "organization_role.created": (ctx, d) => putRole(ctx, fromWire.role(d)),
  "organization_role.updated": (ctx, d) => putRole(ctx, fromWire.role(d)),
  "organization_role.deleted": (ctx, d) => putRole(ctx, fromWire.role(d), true),
  // The emulator and WorkOS both carry domains on `organization.*`; `organization_domain.*` says the same of one domain.
  "organization_domain.created": (ctx, d) => putDomain(ctx, d),
  "organization_domain.updated": (ctx, d) => putDomain(ctx, d),
  "organization_domain.verified": (ctx, d) => putDomain(ctx, d),
  "organization_domain.verification_failed": (ctx, d) => putDomain(ctx, (d as { organization_domain?: never }).organization_domain ?? d),
  "organization_domain.deleted": (ctx, d) => putDomain(ctx, d, true),
  "connection.activated": (ctx, d) => putConnection(ctx, fromWire.connection(d)),
  "connection.deactivated": (ctx, d) => putConnection(ctx, fromWire.connection(d)),
  "connection.deleted": (ctx, d) => putConnection(ctx, fromWire.connection(d), true),
  "dsync.activated": (ctx, d) => putDirectory(ctx, fromWire.directory(d)),
  "dsync.deleted": (ctx, d) => putDirectory(ctx, fromWire.directory(d), true),
  "dsync.user.created": (ctx, d) => putDirectoryUser(ctx, fromWire.directoryUser(d)),
  "dsync.user.updated": (ctx, d) => putDirectoryUser(ctx, fromWire.directoryUser(d)),
  "dsync.user.deleted": (ctx, d) => putDirectoryUser(ctx, fromWire.directoryUser(d), true),
  "dsync.group.created": (ctx, d) => putDirectoryGroup(ctx, fromWire.directoryGroup(d)),
  "dsync.group.updated": (ctx, d) => putDirectoryGroup(ctx, fromWire.directoryGroup(d)),
  "dsync.group.deleted": (ctx, d) => putDirectoryGroup(ctx, fromWire.directoryGroup(d), true),
  "dsync.group.user_added": (ctx, d, at) => putGroupMember(ctx, d, true, at),
  "dsync.group.user_removed": (ctx, d, at) => putGroupMember(ctx, d, false, at),
};

/**
 * One domain of an organization (`organization_domain.*`): merged into the organization's
 * domain list, which `organization.*` replaces whole. An organization the mirror does not know
 * yet gets its domains with its first `organization.*`.
 */
async function putDomain(ctx: MutationCtx, data: unknown, deleted = false): Promise<Outcome> {
  const d = fromWire.domain(data as never);
  const row = await byWorkosId(ctx, "organizations", d.organizationId);
  if (row === null || row.deletedAt !== undefined) return "stale";
  const others = (row.domains ?? []).filter((x) => x.workosId !== d.workosId);
  const domains = deleted ? others : [...others, { workosId: d.workosId, domain: d.domain, state: d.state }];
  await ctx.db.patch("organizations", row._id, { domains });
  return "applied";
}

export const eventOutcome = v.union(v.literal("applied"), v.literal("stale"), v.literal("duplicate"), v.literal("ignored"), v.literal("malformed"));

/**
 * Applies one verified webhook event, once: its id is recorded with the change, in the same
 * transaction, so a redelivery (WorkOS retries until it gets a 2xx) changes nothing.
 */
export const applyEvent = internalMutation({
  args: { eventId: v.string(), event: v.string(), data: v.any(), createdAt: v.optional(v.number()) },
  returns: eventOutcome,
  handler: async (ctx, { eventId, event, data, createdAt }) => {
    const seen = await ctx.db
      .query("workosEvents")
      .withIndex("by_event_id", (q) => q.eq("eventId", eventId))
      .unique();
    if (seen !== null) return "duplicate" as const;
    const handler = Object.prototype.hasOwnProperty.call(HANDLERS, event) ? HANDLERS[event] : undefined;
    let outcome: Outcome | "ignored";
    if (handler === undefined) {
      console.log(`WorkOS webhook: ignored ${event} (${eventId}); the mirror does not follow this event type.`);
      outcome = "ignored";
    } else {
      try {
        outcome = await handler(ctx, data as never, createdAt ?? Date.now());
      } catch (error) {
        // Not recorded: WorkOS retries, and a deployment that fixes the cause gets it again.
        console.error(`WorkOS webhook: ${event} (${eventId}) has data the mirror cannot read: ${error instanceof Error ? error.message : String(error)}`);
        return "malformed" as const;
      }
    }
    await ctx.db.insert("workosEvents", { eventId, event, outcome, receivedAt: Date.now() });
    return outcome;
  },
});
