import type { Ctx } from "../../http/context.ts";
import { HttpError } from "../../http/errors.ts";
import { listPage, listParams } from "../../http/list.ts";
import { invitationResponse } from "../../store/invitations.ts";
import { emailValue } from "./fields.ts";
import { invitationFromPath, invitationJson } from "./respond.ts";

/** GET /user_management/invitations: `organization_id`, `email` (any letter case), pagination. */
export function listInvitations(c: Ctx): Response {
  const params = listParams(c);
  const { store, config } = c.var.app;
  const emailText = c.req.query("email") || undefined;
  const organizationId = c.req.query("organization_id") || undefined;
  const email = emailText === undefined ? undefined : emailValue(emailText, "email");
  // Both filters read an index (oldest first, as listPage wants); both given means both must match.
  let records = email !== undefined ? store.invitations.findBy("email", email) : organizationId !== undefined ? store.invitations.findBy("organization_id", organizationId) : store.invitations.list();
  if (email !== undefined && organizationId !== undefined) records = records.filter((i) => i.organization_id === organizationId);
  const now = Date.now();
  return c.json(listPage(records, params, (invitation) => invitationResponse(invitation, config.invitationUrl, now)));
}

/** GET /user_management/invitations/:id */
export function getInvitation(c: Ctx): Response {
  return invitationJson(c, invitationFromPath(c));
}

/** GET /user_management/invitations/by_token/:token: any state (the caller reads it to show why a link no longer works). */
export function findInvitationByToken(c: Ctx): Response {
  const token = c.req.param("token")!;
  const invitation = c.var.app.store.invitations.find("token", token);
  // The token is a secret: not echoed back (nor into the log line) as an entity_id would be.
  if (!invitation) throw new HttpError(404, "entity_not_found", "Invitation not found: no invitation has this token.");
  return invitationJson(c, invitation);
}
