import { redirect, sendHtml } from "../../http/respond.ts";
import type { Ctx, Route } from "../../http/router.ts";
import { forgotPasswordPage, resetPasswordPage } from "../../pages/codes.ts";
import { hashPassword, passwordWeakness } from "../../passwords.ts";
import { flowForForm, flowForPage, proceed, rateLimited, text } from "./flow.ts";

function show(ctx: Ctx): void {
  const flow = flowForPage(ctx);
  if (!flow) return;
  const email = flow.resetEmail;
  if (ctx.url.searchParams.get("step") === "code" && email) {
    sendHtml(ctx.res, 200, resetPasswordPage(flow, { email }));
  } else {
    sendHtml(ctx.res, 200, forgotPasswordPage(flow, { email: flow.loginHint }));
  }
}

async function submit(ctx: Ctx): Promise<void> {
  const posted = await flowForForm(ctx);
  if (!posted) return;
  const { flow, fields } = posted;
  const { store, config } = ctx.app;

  if (fields.step !== "confirm" || !flow.resetEmail) {
    const email = text(fields, "email").toLowerCase();
    const user = email ? store.userByEmail(email) : undefined;
    if (!user) {
      const error = email ? `No account uses ${email}. Check the address, or create an account.` : "Enter your email address.";
      ctx.note(error);
      sendHtml(ctx.res, 400, forgotPasswordPage(flow, { email, error }));
      return;
    }
    const code = store.issueCode(user.email, "password_reset");
    config.log(`password reset code for ${user.email}: ${code} (no email is sent)`);
    flow.resetEmail = user.email;
    redirect(ctx.res, `/reset-password?${new URLSearchParams({ authorization_session_id: flow.id, step: "code" })}`, 303);
    return;
  }

  const email = flow.resetEmail;
  const code = text(fields, "code");
  const password = typeof fields.password === "string" ? fields.password : "";
  const weakness = passwordWeakness(password, email);
  if (weakness) {
    ctx.note(weakness);
    sendHtml(ctx.res, 400, resetPasswordPage(flow, { email, error: weakness, invalid: "password" }));
    return;
  }
  if (rateLimited(ctx, email, (error) => resetPasswordPage(flow, { email, error }))) return;
  const user = store.userByEmail(email);
  if (!user || !store.useCode(email, "password_reset", code)) {
    const error = "That code is wrong or has expired. Check the Local AuthKit log for the latest code.";
    ctx.note(error);
    sendHtml(ctx.res, 400, resetPasswordPage(flow, { email, error, invalid: "code" }));
    return;
  }
  // The code proves the mailbox, so a reset also verifies the email, as on AuthKit.
  const updated = store.updateUser(user.id, { password_hash: await hashPassword(password), email_verified: true });
  ctx.note(`password reset for ${email}`);
  flow.resetEmail = undefined;
  proceed(ctx, flow, updated);
}

export const resetPasswordRoutes: Route[] = [
  { method: "GET", path: "/reset-password", kind: "page", handle: show },
  { method: "POST", path: "/reset-password", kind: "page", handle: submit },
];
