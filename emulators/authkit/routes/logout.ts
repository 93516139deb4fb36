import { HttpError } from "../http/errors.ts";
import { redirect } from "../http/respond.ts";
import type { Ctx, Route } from "../http/router.ts";
import { clearSessionCookies } from "../session-cookies.ts";

/**
 * GET /user_management/sessions/logout: ends the session (its refresh tokens stop working), clears
 * the cookies, and returns only to a registered sign-out URL.
 */
function logout(ctx: Ctx): void {
  const { config, store } = ctx.app;
  const sessionId = ctx.url.searchParams.get("session_id");
  const returnTo = ctx.url.searchParams.get("return_to");
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
    ctx.note(`unknown session ${sessionId}: nothing to end`);
  } else if (store.endSession(sessionId)) {
    ctx.note(`ended ${sessionId}`);
  } else {
    ctx.note(`${sessionId} had already ended`);
  }
  clearSessionCookies(ctx.res);
  redirect(ctx.res, target);
}

export const logoutRoutes: Route[] = [{ method: "GET", path: "/user_management/sessions/logout", kind: "page", handle: logout }];
