import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { html, redirect } from "../../http/respond.ts";
import { verifyEmailPage } from "../../pages/codes.ts";
import { issueVerificationCode, proceed, underFailureLimit } from "../../sign-in/finish.ts";
import type { PendingAuthorization } from "../../sign-in/flows.ts";
import { flowForForm, flowForPage, stepUrl, text } from "../../sign-in/forms.ts";

function currentUser(c: Ctx, flow: PendingAuthorization) {
  return flow.step === "verify-email" && flow.userId ? c.var.app.store.user(flow.userId) : undefined;
}

// Out of order (no password accepted yet): back to the first step of this sign-in.
const backToSignIn = (c: Ctx, flow: PendingAuthorization) => redirect(c, stepUrl("/sign-in", flow), 303);

export function showVerifyEmail(c: Ctx): Response {
  const page = flowForPage(c);
  if (!page.flow) return page.response;
  const user = currentUser(c, page.flow);
  return user ? html(c, 200, verifyEmailPage(page.flow, { email: user.email })) : backToSignIn(c, page.flow);
}

export async function verifyEmail(c: Ctx): Promise<Response> {
  const posted = await flowForForm(c);
  if (!posted.flow) return posted.response;
  const { flow, fields } = posted;
  const user = currentUser(c, flow);
  if (!user) return backToSignIn(c, flow);
  const { store } = c.var.app;
  if (fields.resend) {
    issueVerificationCode(c, user.email);
    return html(c, 200, verifyEmailPage(flow, { email: user.email, notice: "A new code was sent (see the Local AuthKit log)." }));
  }
  return underFailureLimit(c, user.email, (error) => verifyEmailPage(flow, { email: user.email, error }), async (attempt) => {
    const code = text(fields, "code");
    if (!store.useCode(user.email, "email_verification", code)) {
      const error = code
        ? "That code is wrong or has expired. Check the Local AuthKit log for the latest code, or send a new one."
        : "Enter the 6-digit code.";
      note(c, error);
      return html(c, 400, verifyEmailPage(flow, { email: user.email, error }));
    }
    note(c, `${user.email} verified`);
    attempt.succeed(true);
    return proceed(c, flow, store.updateUser(user.id, { email_verified: true }));
  });
}
