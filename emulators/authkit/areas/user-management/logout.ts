import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { clearSessionCookies } from "../../http/cookies.ts";
import { HttpError } from "../../http/errors.ts";
import { redirect } from "../../http/respond.ts";

/**
 * GET /user_management/sessions/logout: ends the session (its refresh tokens stop working), clears
 * the cookies, and returns only to a registered sign-out URL.
 */
export function logout(c: Ctx): Response {
  const { config, store } = c.var.app;
  const sessionId = c.req.query("session_id");
  const returnTo = c.req.query("return_to");
  if (!sessionId) throw new HttpError(400, "invalid_request", "`session_id` is missing: pass the `sid` claim of the access token.");
  // An exact match, as for redirect_uri: WorkOS does not document any normalization, so a trailing
  // slash or a differently cased host is taken to be another URL (the strict reading).
  const target = returnTo ?? config.logoutRedirects[0]!;
  if (!config.logoutRedirects.includes(target)) {
    throw new HttpError(
      400,
      "invalid_request",
      `return_to "${returnTo}" is not a registered sign-out redirect. Registered: ${config.logoutRedirects.join(", ")}. Add it with --logout-redirect (the WorkOS dashboard's sign-out redirects).`,
    );
  }
  const session = store.session(sessionId);
  if (!session) {
    // Signing out twice (or after a reset) is not the user's problem: the outcome is the same.
    note(c, `unknown session ${sessionId}: nothing to end`);
  } else if (store.endSession(sessionId)) {
    note(c, `ended ${sessionId}`);
  } else {
    note(c, `${sessionId} had already ended`);
  }
  clearSessionCookies(c);
  return redirect(c, target);
}
