import type { Ctx } from "../../http/context.ts";
import { notFound } from "../../http/errors.ts";
import type { OrganizationRecord } from "../../store/organizations.ts";
import { acceptInvitationUrl, invitationResponse, type InvitationRecord } from "../../store/invitations.ts";

/** The invitation as the API answers it, its link built from the configured invitation route. */
export function invitationJson(c: Ctx, invitation: InvitationRecord, status: 200 | 201 = 200): Response {
  return c.json(invitationResponse(invitation, c.var.app.config.invitationUrl), status);
}

/** The invitation the `:id` path parameter names; 404 entity_not_found otherwise. */
export function invitationFromPath(c: Ctx): InvitationRecord {
  const id = c.req.param("id")!;
  const invitation = c.var.app.store.invitations.get(id);
  if (!invitation) throw notFound("Invitation", id);
  return invitation;
}

/**
 * Writes where the email would have gone: no email is sent, so the link is in the log (and at
 * GET /_local/invitations?email=).
 */
export function logInvitationLink(c: Ctx, invitation: InvitationRecord, organization: OrganizationRecord | undefined): void {
  const { config } = c.var.app;
  const to = organization ? `${organization.name} (${organization.id})` : "the application (no organization)";
  config.log(`invitation for ${invitation.email} to ${to}: ${acceptInvitationUrl(config.invitationUrl, invitation.token)} (no email is sent)`);
}
