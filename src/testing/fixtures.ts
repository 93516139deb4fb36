import type { FunctionReturnType } from "convex/server";
import type { api } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import { ACME, ALICE, BOB, demoIdentity, displayName, type DemoUser } from "../../emulators/authkit/demo-world";

/** Typical answers of our Convex queries, for component tests. */
export type Me = FunctionReturnType<typeof api.users.me>;

/** Alice (the demo world's), signed in to Acme Corp as its admin: who the fixtures describe. */
const alice = demoIdentity(ALICE, ACME);

/**
 * A `users.me` answer for Alice at Acme Corp. `organizations` defaults to the user's organization
 * ids with no names yet (as before Convex has fetched them); pass `organizations` to give names.
 */
export function meAnswer(overrides: Partial<Me> = {}, user: Partial<Doc<"users">> | null = {}): Me {
  const row: Doc<"users"> | null =
    user === null
      ? null
      : {
          _id: "users_1" as Id<"users">,
          _creationTime: 0,
          tokenIdentifier: alice.tokenIdentifier,
          subject: alice.subject,
          email: ALICE.email,
          name: displayName(ALICE),
          organizationIds: ALICE.memberships.map((m) => m.organization_id),
          updatedAt: 0,
          ...user,
        };
  return {
    user: row,
    subject: alice.subject,
    issuer: alice.issuer,
    orgId: alice.org_id ?? null,
    role: alice.role ?? null,
    permissions: alice.permissions ?? [],
    organizations: (row?.organizationIds ?? []).map((id) => ({ id, name: null })),
    accessProblem: null,
    ...overrides,
  };
}

/** One note as `notes.list` returns it. */
export type NoteListItem = FunctionReturnType<typeof api.notes.list>["page"][number];

/** A note of Alice's at Acme Corp, as `notes.list` lists it to her. */
export function note(id: number, text: string): NoteListItem {
  return {
    _id: `notes_${id}` as Id<"notes">,
    _creationTime: id,
    ownerId: "users_1" as Id<"users">,
    orgId: ACME.id,
    text,
    updatedAt: Date.UTC(2026, 0, 1, 12, id),
    author: { name: displayName(ALICE), email: ALICE.email },
    canEdit: true,
    canDelete: true,
  };
}

/** The demo world's Acme Corp: the organization the fixtures' Alice is signed in to. */
export const acme: { id: string; name: string } = { id: ACME.id, name: ACME.name };

/** One member as `members.list` returns it. */
export type MemberListItem = FunctionReturnType<typeof api.members.list>[number];

function acmeMember(user: DemoUser, isYou: boolean): MemberListItem {
  const membership = user.memberships.find((m) => m.organization_id === ACME.id)!;
  return { membershipId: membership.id, userId: user.id, name: displayName(user), email: user.email, role: membership.role, status: "active", directoryManaged: false, isYou };
}

/** Acme Corp's members as `members.list` lists them to Alice: Alice (admin, the caller) and Bob (member). */
export function acmeMembers(): { alice: MemberListItem; bob: MemberListItem } {
  return { alice: acmeMember(ALICE, true), bob: acmeMember(BOB, false) };
}
