import type { Ctx } from "../http/context.ts";
import { note } from "../http/context.ts";
import { redirect } from "../http/respond.ts";

/**
 * An error WorkOS returns to the app: the browser goes back to the (already validated) redirect
 * URI with `error`, `error_description` and, when the app sent one, `state` — no code. Only for
 * a redirect URI that was checked against the registered ones.
 */
export function errorRedirect(
  c: Ctx,
  to: { redirectUri: string; state: string | undefined },
  error: string,
  description: string,
  status: 302 | 303 = 302,
): Response {
  const target = new URL(to.redirectUri);
  target.searchParams.set("error", error);
  target.searchParams.set("error_description", description);
  if (to.state !== undefined) target.searchParams.set("state", to.state);
  note(c, `${error}: ${description} (back to ${to.redirectUri})`);
  return redirect(c, target.href, status);
}
