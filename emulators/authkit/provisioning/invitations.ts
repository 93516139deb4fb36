import type { Store } from "../store.ts";
import { invitationState, type InvitationRecord } from "../store/invitations.ts";
import type { MembershipRecord } from "../store/memberships.ts";
import { addMembership } from "./memberships.ts";
import { normalizeEmail, type UserRecord } from "../store/users.ts";

/** Why an invitation token cannot be used (any state but a pending, unexpired invitation). */
export type InvitationRefusal = "unknown" | "expired" | "revoked" | "accepted";

/** Why an invitation cannot be accepted by a given user, besides its own state. */
export type AcceptRefusal = InvitationRefusal | "email_mismatch" | "organization_gone" | "role_gone";

export type UsableInvitation = { ok: true; invitation: InvitationRecord } | { ok: false; reason: InvitationRefusal };

const REFUSALS: Record<AcceptRefusal, string> = {
  unknown: "No invitation has this token.",
  expired: "The invitation has expired: send a new one.",
  revoked: "The invitation has been revoked.",
  accepted: "The invitation has already been accepted.",
  email_mismatch: "The invitation was sent to another email address than this user's.",
  organization_gone: "The organization of the invitation no longer exists.",
  role_gone: "The role of the invitation no longer exists.",
};

/** Thrown by acceptInvitation: `reason` says why; the caller words it in its own error shape. */
export class InvitationNotAcceptable extends Error {
  constructor(readonly reason: AcceptRefusal) {
    super(REFUSALS[reason]);
    this.name = "InvitationNotAcceptable";
  }
}

/** Why this invitation cannot be used now, or null when it can (pending and unexpired). */
export function invitationRefusal(invitation: InvitationRecord, now = Date.now()): Exclude<InvitationRefusal, "unknown"> | null {
  const state = invitationState(invitation, now);
  return state === "pending" ? null : state;
}

/**
 * The invitation a link's `invitation_token` names, if it can still be accepted: what the hosted
 * sign-up and sign-in pages check before they show an invitation.
 */
export function findUsableInvitation(store: Store, token: string): UsableInvitation {
  const invitation = store.invitations.find("token", token);
  if (!invitation) return { ok: false, reason: "unknown" };
  const reason = invitationRefusal(invitation);
  return reason ? { ok: false, reason } : { ok: true, invitation };
}

/**
 * Accepts `invitation` for `user` in one saved change: the invitation becomes accepted (by this
 * user) and, when it names an organization, the user joins it with the invitation's role. A user
 * who is a member already keeps the membership they have (role included). Throws
 * InvitationNotAcceptable, changing nothing, when the invitation is not pending (or has expired),
 * was sent to another address, or its organization or role is gone.
 */
export function acceptInvitation(
  store: Store,
  invitation: InvitationRecord,
  user: UserRecord,
): { invitation: InvitationRecord; membership: MembershipRecord | null } {
  return store.atomically(() => {
    // Read again by id: the caller's record may be from before another change (or an undone one).
    const current = store.invitations.get(invitation.id);
    if (!current) throw new InvitationNotAcceptable("unknown");
    const refusal = invitationRefusal(current);
    if (refusal) throw new InvitationNotAcceptable(refusal);
    if (normalizeEmail(user.email) !== normalizeEmail(current.email)) throw new InvitationNotAcceptable("email_mismatch");
    let membership: MembershipRecord | null = null;
    if (current.organization_id !== null) {
      if (!store.organization(current.organization_id)) throw new InvitationNotAcceptable("organization_gone");
      const role = current.role_slug;
      if (role === null || !store.role(role)) throw new InvitationNotAcceptable("role_gone");
      // addMembership reactivates an inactive membership rather than making a second one.
      membership = store.membership(user.id, current.organization_id) ?? addMembership(store, { userId: user.id, organizationId: current.organization_id, roleSlug: role }).membership;
    }
    const accepted = store.invitations.update(current.id, {
      state: "accepted",
      accepted_at: new Date().toISOString(),
      accepted_user_id: user.id,
    });
    return { invitation: accepted, membership };
  });
}
