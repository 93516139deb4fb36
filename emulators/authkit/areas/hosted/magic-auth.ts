import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { html, redirect } from "../../http/respond.ts";
import { magicAuthPage } from "../../pages/codes.ts";
import { proceed, underFailureLimit } from "../../sign-in/finish.ts";
import type { PendingAuthorization } from "../../sign-in/flows.ts";
import { flowForForm, flowForPage, stepUrl, text } from "../../sign-in/forms.ts";
import { invitationEmailProblem } from "../../sign-in/invitation.ts";
import { routedConnection, startSso } from "../../sign-in/sso.ts";
import { EmailTakenError } from "../../store.ts";

/** Magic Auth codes last 10 minutes, as WorkOS's (SPEC `magic_auth.expires_at`). */
export const MAGIC_AUTH_TTL_MS = 10 * 60 * 1000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function sendCode(c: Ctx, flow: PendingAuthorization, email: string): void {
  const code = c.var.app.store.issueCode(email, "magic_auth", MAGIC_AUTH_TTL_MS);
  c.var.app.config.log(`magic auth code for ${email}: ${code} (no email is sent)`);
  flow.step = "magic-auth";
  flow.email = email;
}

export function showMagicAuth(c: Ctx): Response {
  const page = flowForPage(c);
  if (!page.flow) return page.response;
  const { flow } = page;
  if (flow.step !== "magic-auth" || !flow.email) return redirect(c, stepUrl("/sign-in", flow));
  return html(c, 200, magicAuthPage(flow, { email: flow.email }));
}

/**
 * POST /magic-auth: without `code`, sends a code to the email (a new one replaces the last); with
 * one, signs in with it. One use, 10 minutes, under the same failure limit as passwords. An email
 * without an account gets one on its first code, verified, as WorkOS's Magic Auth creates users;
 * the code proves the mailbox, so an unverified account is verified too. An email routed to SSO
 * goes to its connection instead, as on the password step.
 */
export async function magicAuth(c: Ctx): Promise<Response> {
  const posted = await flowForForm(c);
  if (!posted.flow) return posted.response;
  const { flow, fields } = posted;
  const { store } = c.var.app;
  const email = (flow.step === "magic-auth" && flow.email) || text(fields, "email").toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) return redirect(c, stepUrl("/sign-in", flow), 303);
  if (invitationEmailProblem(c, flow, email)) return redirect(c, stepUrl("/sign-in", flow), 303);
  const connection = routedConnection(c, flow, email);
  if (connection) return startSso(c, flow, connection, 303);
  if (!("code" in fields) || flow.step !== "magic-auth") {
    const again = flow.step === "magic-auth";
    sendCode(c, flow, email);
    if (again) return html(c, 200, magicAuthPage(flow, { email, notice: "A new code was sent (see the Local AuthKit log)." }));
    return redirect(c, stepUrl("/magic-auth", flow), 303);
  }
  return underFailureLimit(c, email, (error) => magicAuthPage(flow, { email, error }), async (attempt) => {
    const code = text(fields, "code");
    if (!store.useCode(email, "magic_auth", code)) {
      const error = code ? "That code is wrong or has expired. Check the Local AuthKit log for the latest code, or send a new one." : "Enter the 6-digit code.";
      note(c, error);
      return html(c, 400, magicAuthPage(flow, { email, error }));
    }
    let user = store.userByEmail(email);
    try {
      user ??= store.createUser({ email, passwordHash: null, emailVerified: true });
    } catch (error) {
      if (!(error instanceof EmailTakenError)) throw error;
      user = store.userByEmail(email)!;
    }
    if (!user.email_verified) user = store.updateUser(user.id, { email_verified: true });
    note(c, `${email} signed in with a magic auth code`);
    attempt.succeed(true);
    flow.authenticationMethod = "MagicAuth";
    return proceed(c, flow, user);
  });
}
