import { readFields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { HttpError } from "../../http/errors.ts";
import { InvitationNotAcceptable, acceptInvitation, invitationRefusal } from "../../provisioning/invitations.ts";
import { localeField } from "./fields.ts";
import { invitationFromPath, invitationJson, logInvitationLink } from "./respond.ts";

const refused = (code: string, message: string) => new HttpError(400, code, message);

const NOT_PENDING = {
  expired: "The invitation has expired.",
  revoked: "The invitation has been revoked.",
  accepted: "The invitation has already been accepted.",
} as const;

/**
 * POST /user_management/invitations/:id/accept (no body: the SDK sends none). The invitation's
 * email must belong to a user, who becomes its `accepted_user_id` and, for an invitation to an
 * organization, a member with its role. An invitation that is not pending (expired included) is
 * 400 invite_not_pending; one that cannot be accepted for another reason (no user with its
 * email, its organization or role gone) is 400 invalid_invite.
 */
export function acceptInvitationRoute(c: Ctx): Response {
  const invitation = invitationFromPath(c);
  const { store } = c.var.app;
  const refusal = invitationRefusal(invitation);
  if (refusal) throw refused("invite_not_pending", `Invite is not pending: ${NOT_PENDING[refusal].toLowerCase()}`);
  // WorkOS's accept "activates the user's membership": there has to be a user. Creating one here
  // would make an account nobody signed up for, so the invitee signs up through the link instead.
  const user = store.userByEmail(invitation.email);
  if (!user) {
    throw refused("invalid_invite", `No user has the email ${invitation.email} yet: the invitee signs up through accept_invitation_url, or create the user first.`);
  }
  try {
    const { invitation: accepted, membership } = acceptInvitation(store, invitation, user);
    note(c, `${user.email} accepted ${accepted.id}${membership ? ` (member of ${membership.organization_id} as ${membership.role})` : ""}`);
    return invitationJson(c, accepted);
  } catch (error) {
    if (!(error instanceof InvitationNotAcceptable)) throw error;
    const code = error.reason === "expired" || error.reason === "revoked" || error.reason === "accepted" ? "invite_not_pending" : "invalid_invite";
    throw refused(code, error.message);
  }
}

/** POST /user_management/invitations/:id/revoke: only a pending invitation (400 invite_not_pending otherwise). */
export function revokeInvitation(c: Ctx): Response {
  const invitation = invitationFromPath(c);
  const refusal = invitationRefusal(invitation);
  if (refusal) throw refused("invite_not_pending", `Invite is not pending: ${NOT_PENDING[refusal].toLowerCase()}`);
  const revoked = c.var.app.store.invitations.update(invitation.id, { state: "revoked", revoked_at: new Date().toISOString() });
  note(c, `revoked ${revoked.id}`);
  return invitationJson(c, revoked);
}

const RESEND_REFUSALS = { expired: "invite_expired", revoked: "invite_revoked", accepted: "invite_accepted" } as const;

/**
 * POST /user_management/invitations/:id/resend `{ locale? }`: only a pending invitation (400
 * invite_expired / invite_revoked / invite_accepted otherwise). WorkOS's SPEC says only that it
 * "resends an invitation email": the token and expiry stay as they are (a link already sent keeps
 * working, and resending does not extend an invitation's life); the link is logged again.
 */
export async function resendInvitation(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const locale = localeField(fields);
  const invitation = invitationFromPath(c);
  const refusal = invitationRefusal(invitation);
  if (refusal) throw refused(RESEND_REFUSALS[refusal], NOT_PENDING[refusal]);
  const { store } = c.var.app;
  const resent = store.invitations.update(invitation.id, { sent_at: new Date().toISOString(), ...(locale ? { locale } : {}) });
  note(c, `resent ${resent.id}`);
  logInvitationLink(c, resent, resent.organization_id === null ? undefined : store.organization(resent.organization_id));
  return invitationJson(c, resent);
}
