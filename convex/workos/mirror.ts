import { v, type Infer } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { internalMutation, type MutationCtx } from "../_generated/server";
import { ORGANIZATION_NAME_MAX_LENGTH } from "../limits";
import {
  fromWire,
  invitationRecord,
  membershipRecord,
  organizationRecord,
  roleRecord,
  userRecord,
  type InvitationRecord,
  type MembershipRecord,
  type OrganizationRecord,
  type RoleRecord,
  type UserRecord,
} from "./records";

/**
 * Writes WorkOS objects into the mirror tables, whichever way they arrive: a webhook, an action
 * that just changed WorkOS, or the backfill. One rule for all: a record replaces the row only
 * when its `updatedAt` is newer (WorkOS does not deliver in order, and an action's own write is
 * later confirmed by the webhook with the same `updated_at`: no second write, no flicker); a
 * deleted object stays as a tombstone that nothing brings back.
 */

export type Outcome = "applied" | "stale";

type Mirrored = "organizations" | "memberships" | "invitations" | "workosUsers";

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
  return put(ctx, "organizations", o, { ...o, name: o.name.trim().slice(0, ORGANIZATION_NAME_MAX_LENGTH) }, deleted);
}
export function putMembership(ctx: MutationCtx, m: MembershipRecord, deleted = false) {
  return put(ctx, "memberships", m, m, deleted);
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
    return null;
  },
});

type Handler = (ctx: MutationCtx, data: never) => Promise<Outcome>;

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
};

export const eventOutcome = v.union(v.literal("applied"), v.literal("stale"), v.literal("duplicate"), v.literal("ignored"), v.literal("malformed"));

/**
 * Applies one verified webhook event, once: its id is recorded with the change, in the same
 * transaction, so a redelivery (WorkOS retries until it gets a 2xx) changes nothing.
 */
export const applyEvent = internalMutation({
  args: { eventId: v.string(), event: v.string(), data: v.any() },
  returns: eventOutcome,
  handler: async (ctx, { eventId, event, data }) => {
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
        outcome = await handler(ctx, data as never);
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
