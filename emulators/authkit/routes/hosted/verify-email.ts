import { redirect, sendHtml } from "../../http/respond.ts";
import type { Ctx, Route } from "../../http/router.ts";
import { verifyEmailPage } from "../../pages/codes.ts";
import { flowForForm, flowForPage, issueVerificationCode, proceed, rateLimited, stepUrl, text } from "./flow.ts";
import type { PendingAuthorization } from "../../flows.ts";

function currentUser(ctx: Ctx, flow: PendingAuthorization) {
  const user = flow.step === "verify-email" && flow.userId ? ctx.app.store.user(flow.userId) : undefined;
  // Out of order (no password accepted yet): back to the first step of this sign-in.
  if (!user) redirect(ctx.res, stepUrl("/sign-in", flow), 303);
  return user;
}

function show(ctx: Ctx): void {
  const flow = flowForPage(ctx);
  const user = flow && currentUser(ctx, flow);
  if (flow && user) sendHtml(ctx.res, 200, verifyEmailPage(flow, { email: user.email }));
}

async function verify(ctx: Ctx): Promise<void> {
  const posted = await flowForForm(ctx);
  if (!posted) return;
  const { flow, fields } = posted;
  const user = currentUser(ctx, flow);
  if (!user) return;
  const { store } = ctx.app;
  if (fields.resend) {
    issueVerificationCode(ctx, user.email);
    sendHtml(ctx.res, 200, verifyEmailPage(flow, { email: user.email, notice: "A new code was sent (see the Local AuthKit log)." }));
    return;
  }
  if (rateLimited(ctx, user.email, (error) => verifyEmailPage(flow, { email: user.email, error }))) return;
  const code = text(fields, "code");
  if (!store.useCode(user.email, "email_verification", code)) {
    const error = code
      ? "That code is wrong or has expired. Check the Local AuthKit log for the latest code, or send a new one."
      : "Enter the 6-digit code.";
    ctx.note(error);
    sendHtml(ctx.res, 400, verifyEmailPage(flow, { email: user.email, error }));
    return;
  }
  ctx.note(`${user.email} verified`);
  proceed(ctx, flow, store.updateUser(user.id, { email_verified: true }));
}

export const verifyEmailRoutes: Route[] = [
  { method: "GET", path: "/email-verification", kind: "page", handle: show },
  { method: "POST", path: "/email-verification", kind: "page", handle: verify },
];
