import type { Ctx } from "../http/context.ts";
import { note } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import { acceptInvitation, InvitationNotAcceptable, type InvitationRefusal } from "../provisioning/invitations.ts";
import type { InvitationRecord } from "../store/invitations.ts";
import { normalizeEmail, type UserRecord } from "../store/users.ts";
import type { PendingAuthorization } from "./flows.ts";

const UNUSABLE: Record<InvitationRefusal, string> = {
  unknown: "This invitation link is not valid: no invitation has its token. Ask for a new invitation.",
  expired: "This invitation has expired. Ask whoever invited you to send a new one.",
  revoked: "This invitation has been revoked. Ask whoever invited you for a new one.",
  accepted: "This invitation has already been used. Sign in without it.",
};

/** The page an invitation link that cannot be used gets (WorkOS's `invitation_invalid`), rather than a sign-in that silently ignores it. */
export function invitationUnusable(reason: InvitationRefusal): HttpError {
  return new HttpError(400, "invitation_invalid", UNUSABLE[reason]);
}

/** The invitation this sign-in accepts, if any. */
export function flowInvitation(c: Ctx, flow: PendingAuthorization): InvitationRecord | undefined {
  return flow.invitationId ? c.var.app.store.invitations.get(flow.invitationId) : undefined;
}

/** What the sign-in and sign-up pages say about the invitation they accept, if any. */
export function invitationNotice(c: Ctx, flow: PendingAuthorization): string | undefined {
  const invitation = flowInvitation(c, flow);
  if (!invitation) return undefined;
  const org = invitation.organization_id ? c.var.app.store.organization(invitation.organization_id) : undefined;
  return org ? `You have been invited to join ${org.name} as ${invitation.email}.` : `You have been invited as ${invitation.email}.`;
}

/** Why `email` may not be used on this sign-in (an invitation binds it to its own address), or undefined. */
export function invitationEmailProblem(c: Ctx, flow: PendingAuthorization, email: string): string | undefined {
  const invitation = flowInvitation(c, flow);
  if (!invitation || normalizeEmail(email) === invitation.email) return undefined;
  return `This invitation is for ${invitation.email}: sign in or sign up with that email, or open the app without the invitation link to use ${normalizeEmail(email)}.`;
}

/**
 * Accepts the sign-in's invitation for the user who just proved who they are: the invitation
 * becomes accepted, the user joins its organization with its role, and the session will be in that
 * organization. The invitation reached its address, so the user's email counts as verified. A
 * refusal (another email, or the invitation was revoked, accepted or expired meanwhile) is a page.
 */
export function acceptFlowInvitation(c: Ctx, flow: PendingAuthorization, user: UserRecord): UserRecord {
  const invitation = flowInvitation(c, flow);
  if (!flow.invitationId) return user;
  const { store } = c.var.app;
  if (!invitation) throw invitationUnusable("unknown");
  try {
    const { accepted, verified } = store.atomically(() => {
      const { invitation: done } = acceptInvitation(store, invitation, user);
      return { accepted: done, verified: user.email_verified ? user : store.updateUser(user.id, { email_verified: true }) };
    });
    note(c, `${user.email} accepted ${accepted.id}${accepted.organization_id ? ` and joined ${accepted.organization_id} as ${accepted.role_slug}` : ""}`);
    flow.invitationId = undefined;
    if (accepted.organization_id) flow.organizationId = accepted.organization_id;
    return verified;
  } catch (error) {
    if (!(error instanceof InvitationNotAcceptable)) throw error;
    if (error.reason === "email_mismatch") {
      throw new HttpError(400, "invitation_cannot_be_used_for_email", invitationEmailProblem(c, flow, user.email) ?? error.message);
    }
    if (error.reason === "unknown" || error.reason === "expired" || error.reason === "revoked" || error.reason === "accepted") throw invitationUnusable(error.reason);
    throw new HttpError(400, "invitation_invalid", error.message);
  }
}
