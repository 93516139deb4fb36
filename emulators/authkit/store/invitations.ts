import { defineCollection } from "./collection.ts";
import { normalizeEmail } from "./users.ts";

/** What is stored: "expired" is never stored, it is read from `expires_at` (see invitationState). */
export type StoredInvitationState = "pending" | "accepted" | "revoked";
export type InvitationState = StoredInvitationState | "expired";

export interface InvitationRecord {
  id: string;
  /** Trimmed and lower-cased, like users' emails, so an invitation finds its user whatever the case. */
  email: string;
  state: StoredInvitationState;
  accepted_at: string | null;
  revoked_at: string | null;
  expires_at: string;
  organization_id: string | null;
  inviter_user_id: string | null;
  accepted_user_id: string | null;
  /** The role the membership gets on acceptance; null for an invitation to the app only (no organization). */
  role_slug: string | null;
  /** Kept as issued: WorkOS answers it on every read, and it is what the link carries. */
  token: string;
  /** The locale the (unsent) email would use, as the sender asked; not on the wire. */
  locale: string | null;
  /** When it was last sent or resent; not on the wire (a resend changes it, so the change hooks hear of it). */
  sent_at: string;
  created_at: string;
  updated_at: string;
}

export const invitations = defineCollection<InvitationRecord>()({
  name: "invitations",
  key: (invitation) => invitation.id,
  indexes: {
    token: { of: (invitation) => invitation.token, unique: true },
    email: { of: (invitation) => invitation.email, normalize: normalizeEmail },
    organization_id: { of: (invitation) => invitation.organization_id },
  },
});

/**
 * The state WorkOS reports: a pending invitation whose `expires_at` has passed is "expired".
 * Computed on every read rather than stored by a sweep, so no read can see a stale "pending".
 */
export function invitationState(invitation: InvitationRecord, now = Date.now()): InvitationState {
  if (invitation.state === "pending" && Date.parse(invitation.expires_at) <= now) return "expired";
  return invitation.state;
}

/** The link an invitation's email would carry: the app's invitation route with `invitation_token` added. */
export function acceptInvitationUrl(invitationUrl: string, token: string): string {
  const url = new URL(invitationUrl);
  url.searchParams.set("invitation_token", token);
  return url.href;
}

/**
 * The `data` of `invitation.created|accepted|revoked|resent` events: the invitation without
 * `token` and `accept_invitation_url`, as WorkOS sends it (the SDK's InvitationEventResponse).
 */
export function invitationEventData(invitation: InvitationRecord, now = Date.now()) {
  return {
    object: "invitation" as const,
    id: invitation.id,
    email: invitation.email,
    state: invitationState(invitation, now),
    accepted_at: invitation.accepted_at,
    revoked_at: invitation.revoked_at,
    expires_at: invitation.expires_at,
    organization_id: invitation.organization_id,
    inviter_user_id: invitation.inviter_user_id,
    accepted_user_id: invitation.accepted_user_id,
    role_slug: invitation.role_slug,
    created_at: invitation.created_at,
    updated_at: invitation.updated_at,
  };
}

/** The WorkOS `invitation` object the API answers; `invitationUrl` is the configured invitation route. */
export function invitationResponse(invitation: InvitationRecord, invitationUrl: string, now = Date.now()) {
  return {
    ...invitationEventData(invitation, now),
    token: invitation.token,
    accept_invitation_url: acceptInvitationUrl(invitationUrl, invitation.token),
  };
}
