import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { html, redirect } from "../../http/respond.ts";
import { forgotPasswordPage, resetPasswordPage } from "../../pages/codes.ts";
import { hashPassword, passwordWeakness } from "../../passwords.ts";
import { proceed, underFailureLimit } from "../../sign-in/finish.ts";
import { flowForForm, flowForPage, text } from "../../sign-in/forms.ts";

export function showResetPassword(c: Ctx): Response {
  const page = flowForPage(c);
  if (!page.flow) return page.response;
  const { flow } = page;
  const email = flow.resetEmail;
  if (c.req.query("step") === "code" && email) return html(c, 200, resetPasswordPage(flow, { email }));
  return html(c, 200, forgotPasswordPage(flow, { email: flow.loginHint }));
}

export async function resetPassword(c: Ctx): Promise<Response> {
  const posted = await flowForForm(c);
  if (!posted.flow) return posted.response;
  const { flow, fields } = posted;
  const { store, config } = c.var.app;

  if (fields.step !== "confirm" || !flow.resetEmail) {
    const email = text(fields, "email").toLowerCase();
    const user = email ? store.userByEmail(email) : undefined;
    if (!user) {
      const error = email ? `No account uses ${email}. Check the address, or create an account.` : "Enter your email address.";
      note(c, error);
      return html(c, 400, forgotPasswordPage(flow, { email, error }));
    }
    const code = store.issueCode(user.email, "password_reset");
    config.log(`password reset code for ${user.email}: ${code} (no email is sent)`);
    flow.resetEmail = user.email;
    return redirect(c, `/reset-password?${new URLSearchParams({ authorization_session_id: flow.id, step: "code" })}`, 303);
  }

  const email = flow.resetEmail;
  const code = text(fields, "code");
  const password = typeof fields.password === "string" ? fields.password : "";
  const weakness = passwordWeakness(password, email);
  if (weakness) {
    note(c, weakness);
    return html(c, 400, resetPasswordPage(flow, { email, error: weakness, invalid: "password" }));
  }
  return underFailureLimit(c, email, (error) => resetPasswordPage(flow, { email, error }), async (attempt) => {
    const user = store.userByEmail(email);
    if (!user || !store.useCode(email, "password_reset", code)) {
      const error = "That code is wrong or has expired. Check the Local AuthKit log for the latest code.";
      note(c, error);
      return html(c, 400, resetPasswordPage(flow, { email, error, invalid: "code" }));
    }
    // The code proves the mailbox, so a reset also verifies the email, as on AuthKit.
    const updated = store.updateUser(user.id, { password_hash: await hashPassword(password), email_verified: true });
    note(c, `password reset for ${email}`);
    flow.resetEmail = undefined;
    attempt.succeed(true);
    return proceed(c, flow, updated);
  });
}
