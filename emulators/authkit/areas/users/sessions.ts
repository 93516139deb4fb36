import { readFields, requiredString } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { notFound } from "../../http/errors.ts";
import { listPage, listParams } from "../../http/list.ts";
import { sessionResponse } from "../../store/sessions.ts";

/**
 * The Sessions API (`userManagement.listSessions` / `revokeSession` in the Node SDK), for servers
 * holding the API key: what an app calls to sign a person out everywhere, or out of one
 * organization.
 */

/**
 * GET /user_management/users/<id>/sessions: the user's active sessions, as WorkOS documents the
 * list ("all active sessions for a user"; an ended one is not listed), in WorkOS's list envelope
 * and pagination (newest first by default). 404 for an unknown user.
 */
export function listSessions(c: Ctx): Response {
  const { store } = c.var.app;
  const id = c.req.param("id")!;
  if (!store.user(id)) throw notFound("User", id);
  const params = listParams(c);
  const active = store.sessions.findBy("user_id", id).filter((s) => !s.ended_at);
  return c.json(listPage(active, params, sessionResponse));
}

/**
 * POST /user_management/sessions/revoke `{ session_id }`: ends the session, so its refresh token
 * stops working and the next refresh is `invalid_grant` (the app signs the person out), and
 * announces `session.revoked`. 200 `{}`, also for a session that had ended already (a retried
 * revocation changes nothing and announces nothing: WorkOS does not say, and a retry after a lost
 * answer must not fail); 404 for a session this server does not know.
 */
export async function revokeSession(c: Ctx): Promise<Response> {
  const { store } = c.var.app;
  const sessionId = requiredString(await readFields(c), "session_id");
  if (!store.session(sessionId)) throw notFound("Session", sessionId);
  note(c, store.endSession(sessionId) ? `revoked ${sessionId}` : `${sessionId} had already ended`);
  return c.json({});
}
