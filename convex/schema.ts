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
