import type { FunctionReturnType } from "convex/server";
import type { api } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";

/** Typical answers of our Convex queries, for component tests. */
export type Me = FunctionReturnType<typeof api.users.me>;

/**
 * A `users.me` answer. `organizations` defaults to the user's organization ids with no names yet
 * (as before Convex has fetched them); pass `organizations` to give names.
 */
export function meAnswer(overrides: Partial<Me> = {}, user: Partial<Doc<"users">> | null = {}): Me {
  const row: Doc<"users"> | null =
    user === null
      ? null
      : {
          _id: "users_1" as Id<"users">,
          _creationTime: 0,
          tokenIdentifier: "https://api.workos.com/user_management/client_test|user_test_alice",
          subject: "user_test_alice",
          email: "alice@example.com",
          name: "Alice Anderson",
          organizationIds: ["org_acme", "org_globex"],
          updatedAt: 0,
          ...user,
        };
  return {
    user: row,
    subject: "user_test_alice",
    issuer: "https://api.workos.com/user_management/client_test",
    orgId: "org_acme",
    role: "admin",
    permissions: ["notes:read", "notes:write"],
    organizations: (row?.organizationIds ?? []).map((id) => ({ id, name: null })),
    ...overrides,
  };
}

export function note(id: number, text: string): Doc<"notes"> {
  return {
    _id: `notes_${id}` as Id<"notes">,
    _creationTime: id,
    ownerId: "users_1" as Id<"users">,
    orgId: "org_acme",
    text,
    updatedAt: Date.UTC(2026, 0, 1, 12, id),
  };
}
