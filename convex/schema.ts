import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import {
  connectionRecord,
  directoryGroupRecord,
  directoryRecord,
  directoryUserRecord,
  domainRecord,
  invitationRecord,
  membershipRecord,
  roleRecord,
  userRecord,
} from "./workos/records";

// New fields are optional, so rows written before them (the local Convex keeps its data on disk)
// still match the schema.
export default defineSchema({
  // One row per WorkOS user, created by `users.store` once Convex has confirmed the token
  // (no webhooks needed, so it works offline). `tokenIdentifier` is `<issuer>|<subject>`.
  users: defineTable({
    tokenIdentifier: v.string(),
    subject: v.string(),
    email: v.optional(v.string()),
    name: v.optional(v.string()),
    /** Organizations this user has signed in to here (tokens name one at a time; WorkOS has no client-side list). */
    organizationIds: v.optional(v.array(v.string())),
    updatedAt: v.number(),
  })
    .index("by_token", ["tokenIdentifier"])
    .index("by_subject", ["subject"]),

  // ---- The WorkOS mirror (convex/workos/): written by webhooks, by the actions that change
  // WorkOS, and by the backfill. Each row keeps WorkOS's `updated_at` (ms) so an older delivery
  // never overwrites a newer one; a deleted object stays as a tombstone (`deletedAt`) so a late
  // `updated` cannot bring it back.

  // WorkOS organizations, keyed by the id access tokens carry (`org_id`). Rows from before the
  // mirror only have the name `organizations.fetchName` fetched.
  organizations: defineTable({
    workosId: v.string(),
    /** Absent until WorkOS has told us. */
    name: v.optional(v.string()),
    /** WorkOS's `updated_at`, in ms. */
    updatedAt: v.optional(v.number()),
    deletedAt: v.optional(v.number()),
    /** Its domains and their verification state (from `organization.*`, which carries them). */
    domains: v.optional(v.array(domainRecord)),
    /** When `name` was last fetched (organizations.fetchName). */
    fetchedAt: v.optional(v.number()),
    /** When a name fetch was last scheduled. */
    requestedAt: v.optional(v.number()),
  }).index("by_workos_id", ["workosId"]),

  // The mirror's tables hold its records (workos/records.ts, the one definition of their fields)
  // plus `deletedAt`: a deletion is kept as a tombstone, so an older event cannot bring it back.

  // Organization memberships: who belongs to which organization, with which role.
  memberships: defineTable({ ...membershipRecord.fields, deletedAt: v.optional(v.number()) })
    .index("by_workos_id", ["workosId"])
    .index("by_user_and_organization", ["userId", "organizationId"])
    .index("by_organization", ["organizationId"]),

  // Invitations to an organization (the token is never stored: it is the invitee's secret).
  invitations: defineTable({ ...invitationRecord.fields, deletedAt: v.optional(v.number()) })
    .index("by_workos_id", ["workosId"])
    .index("by_organization_and_state", ["organizationId", "state"]),

  // WorkOS users' profiles, for member lists (members need not have signed in here).
  workosUsers: defineTable({ ...userRecord.fields, deletedAt: v.optional(v.number()) })
    .index("by_workos_id", ["workosId"])
    .index("by_email", ["email"]),

  // SSO connections (`connection.*`): what the organization settings page shows.
  connections: defineTable({ ...connectionRecord.fields, deletedAt: v.optional(v.number()) })
    .index("by_workos_id", ["workosId"])
    .index("by_organization", ["organizationId"]),

  // Directory Sync (`dsync.*`): directories, their users and groups, and who is in which group.
  // A directory user's membership is WorkOS's (`directory_managed`); the mirror also ends it
  // itself when the directory user is deactivated or deleted, whichever event arrives first.
  directories: defineTable({ ...directoryRecord.fields, deletedAt: v.optional(v.number()) })
    .index("by_workos_id", ["workosId"])
    .index("by_organization", ["organizationId"]),
  directoryUsers: defineTable({ ...directoryUserRecord.fields, deletedAt: v.optional(v.number()) })
    .index("by_workos_id", ["workosId"])
    .index("by_directory", ["directoryId"])
    .index("by_organization_and_email", ["organizationId", "email"]),
  directoryGroups: defineTable({ ...directoryGroupRecord.fields, deletedAt: v.optional(v.number()) })
    .index("by_workos_id", ["workosId"])
    .index("by_directory", ["directoryId"]),
  // Group membership has no `updated_at` of its own: the event's `created_at` orders add and remove.
  directoryGroupMembers: defineTable({
    directoryId: v.string(),
    groupId: v.string(),
    directoryUserId: v.string(),
    present: v.boolean(),
    changedAt: v.number(),
  })
    .index("by_group_and_user", ["groupId", "directoryUserId"])
    .index("by_user", ["directoryUserId"]),

  // Ending a deprovisioned directory user's WorkOS sessions in the organization (workos/sessions.ts):
  // one row per person and organization while the request stands; dropped when they are a member again.
  sessionRevocations: defineTable({
    userId: v.string(),
    organizationId: v.string(),
    state: v.union(v.literal("pending"), v.literal("done"), v.literal("failed")),
    attempts: v.number(),
    requestedAt: v.number(),
    finishedAt: v.optional(v.number()),
    revokedSessionIds: v.optional(v.array(v.string())),
    lastError: v.optional(v.string()),
  }).index("by_user_and_organization", ["userId", "organizationId"]),

  // Roles and their permissions: environment roles (no organizationId) and organization roles.
  // A mirrored membership's role is turned into permissions here, so a role change takes effect
  // before the member's token is refreshed.
  roles: defineTable({ ...roleRecord.fields, deletedAt: v.optional(v.number()) }).index("by_slug_and_organization", ["slug", "organizationId"]),

  // Webhook events already applied, by WorkOS event id: a redelivery is answered and skipped.
  workosEvents: defineTable({
    eventId: v.string(),
    event: v.string(),
    /** What became of it: applied, stale (an older version than the mirror's), or ignored. */
    outcome: v.string(),
    receivedAt: v.number(),
  }).index("by_event_id", ["eventId"]),

  // SSO by email domain (convex/sso.ts): what WorkOS answered for a domain, so repeated lookups
  // do not each ask WorkOS. `organizationId` is set only when the domain is verified by an
  // organization with an active SSO connection; every other answer is the same "no SSO".
  ssoDomains: defineTable({
    domain: v.string(),
    organizationId: v.optional(v.string()),
    checkedAt: v.number(),
  }).index("by_domain", ["domain"]),

  // The SSO lookup's rate limit: one row per key ("*" for all lookups, else the domain) and
  // fixed window; `count` lookups started in it.
  ssoLookupWindows: defineTable({
    key: v.string(),
    windowStart: v.number(),
    count: v.number(),
  }).index("by_key_and_window", ["key", "windowStart"]),

  // Outside an organization a note is its owner's alone (`orgId` absent); inside one it belongs
  // to the organization: every member with notes:read sees it.
  notes: defineTable({
    ownerId: v.id("users"),
    orgId: v.optional(v.string()),
    text: v.string(),
    updatedAt: v.number(),
  })
    .index("by_owner_and_org", ["ownerId", "orgId"])
    .index("by_org", ["orgId"]),
});
