import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

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
  }).index("by_token", ["tokenIdentifier"]),

  // WorkOS organization names, keyed by the organization id the access tokens carry (`org_id`).
  // Tokens have no name and WorkOS has no browser API for one, so `organizations.fetchName` asks
  // WorkOS's server API. `requestedAt` spaces out fetches whether or not they succeed.
  organizations: defineTable({
    workosId: v.string(),
    /** Absent until a fetch succeeds. */
    name: v.optional(v.string()),
    /** When `name` was last fetched. */
    fetchedAt: v.optional(v.number()),
    /** When a fetch was last scheduled. */
    requestedAt: v.number(),
  }).index("by_workos_id", ["workosId"]),

  // A note belongs to its owner and to the organization the owner was signed in to when writing
  // it (absent for users without one), so switching organization switches the list.
  notes: defineTable({
    ownerId: v.id("users"),
    orgId: v.optional(v.string()),
    text: v.string(),
    updatedAt: v.number(),
  })
    .index("by_owner_and_org", ["ownerId", "orgId"]),
});
