import { sameSecret } from "../../shared/secrets.ts";
import { readFields, type Fields } from "../http/body.ts";
import type { Ctx } from "../http/context.ts";
import { note } from "../http/context.ts";
import { BROWSER_COOKIE, readCookie } from "../http/cookies.ts";
import { HttpError } from "../http/errors.ts";
import { redirect } from "../http/respond.ts";
import type { PendingAuthorization } from "./flows.ts";

/** The answer for a hosted page or form that has no sign-in in progress. */
type NoFlow = { flow: undefined; response: Response };

function toSignInEndpoint(c: Ctx, status: 302 | 303): NoFlow {
  const { signInEndpoint } = c.var.app.config;
  note(c, `no sign-in in progress: sent to the sign-in endpoint ${signInEndpoint}`);
  return { flow: undefined, response: redirect(c, signInEndpoint, status) };
}

/**
 * The sign-in a hosted GET belongs to. Without one (the page was opened directly, or the sign-in
 * expired) the browser goes to the app's sign-in endpoint, as on AuthKit.
 */
export function flowForPage(c: Ctx): { flow: PendingAuthorization } | NoFlow {
  const flow = c.var.app.flows.get(c.req.query("authorization_session_id"));
  return flow ? { flow } : toSignInEndpoint(c, 302);
}

/**
 * The sign-in a hosted form was posted for, after the CSRF checks: the form's token must match the
 * sign-in, and the browser must be the one that started it.
 */
export async function flowForForm(c: Ctx): Promise<{ flow: PendingAuthorization; fields: Fields } | NoFlow> {
  const fields = await readFields(c);
  const id = typeof fields.authorization_session_id === "string" ? fields.authorization_session_id : undefined;
  const flow = c.var.app.flows.get(id);
  if (!flow) return toSignInEndpoint(c, 303);
  const tokenOk = sameSecret(typeof fields.csrf_token === "string" ? fields.csrf_token : undefined, flow.csrfToken);
  const browserOk = fromStartingBrowser(c, flow);
  if (!tokenOk || !browserOk) {
    throw new HttpError(
      403,
      "csrf_check_failed",
      "This form was not sent from the sign-in page of this browser (its security token does not match). Start signing in again from the app.",
    );
  }
  return { flow, fields };
}

/** True when this request comes from the browser that started the sign-in (its httpOnly cookie). */
export function fromStartingBrowser(c: Ctx, flow: PendingAuthorization): boolean {
  return sameSecret(readCookie(c, BROWSER_COOKIE), flow.browserId);
}

export function text(fields: Fields, name: string): string {
  const value = fields[name];
  return typeof value === "string" ? value.trim() : "";
}

export function stepUrl(path: string, flow: PendingAuthorization): string {
  return `${path}?${new URLSearchParams({ authorization_session_id: flow.id })}`;
}
