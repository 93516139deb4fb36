import type { Ctx } from "../../http/context.ts";
import { badRequest } from "../../http/errors.ts";
import { invitationResponse } from "../../store/invitations.ts";
import { normalizeEmail } from "../../store/users.ts";

/**
 * GET /_local/invitations?email=: every invitation "emailed" to that address, newest first, with
 * its token and link (what a browser test follows instead of reading a mailbox).
 */
export function invitationsFor(c: Ctx): Response {
  const email = c.req.query("email");
  if (!email) throw badRequest("Pass ?email=.");
  const { store, config } = c.var.app;
  const now = Date.now();
  const invitations = store.invitations
    .findBy("email", email)
    .reverse()
    .map((invitation) => invitationResponse(invitation, config.invitationUrl, now));
  return c.json({ email: normalizeEmail(email), invitations });
}
