import { timingSafeEqual } from "node:crypto";
import type { UserRecord } from "../../data.ts";
import type { PendingAuthorization } from "../../flows.ts";
import { readFields, type Fields } from "../../http/body.ts";
import { HttpError } from "../../http/errors.ts";
import { redirect, sendHtml } from "../../http/respond.ts";
import type { Ctx } from "../../http/router.ts";
import { organizationPickerPage } from "../../pages/organizations.ts";
import { BROWSER_COOKIE } from "../authorize.ts";

function sameSecret(a: string | undefined, b: string): boolean {
  if (typeof a !== "string") return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The sign-in a hosted GET belongs to. Without one (the page was opened directly, or the sign-in
 * expired) the browser goes to the app's sign-in endpoint, as on AuthKit, and undefined is returned.
 */
export function flowForPage(ctx: Ctx): PendingAuthorization | undefined {
  const flow = ctx.app.flows.get(ctx.url.searchParams.get("authorization_session_id") ?? undefined);
  if (!flow) {
    ctx.note(`no sign-in in progress: sent to the sign-in endpoint ${ctx.app.config.signInEndpoint}`);
    redirect(ctx.res, ctx.app.config.signInEndpoint);
  }
  return flow;
}

/**
 * The sign-in a hosted form was posted for, after the CSRF checks: the form's token must match the
 * sign-in, and the browser must be the one that started it.
 */
export async function flowForForm(ctx: Ctx): Promise<{ flow: PendingAuthorization; fields: Fields } | undefined> {
  const fields = await readFields(ctx.req);
  const id = typeof fields.authorization_session_id === "string" ? fields.authorization_session_id : undefined;
  const flow = ctx.app.flows.get(id);
  if (!flow) {
    ctx.note(`no sign-in in progress: sent to the sign-in endpoint ${ctx.app.config.signInEndpoint}`);
    redirect(ctx.res, ctx.app.config.signInEndpoint, 303);
    return undefined;
  }
  const tokenOk = sameSecret(typeof fields.csrf_token === "string" ? fields.csrf_token : undefined, flow.csrfToken);
  const browserOk = sameSecret(ctx.cookies[BROWSER_COOKIE], flow.browserId);
  if (!tokenOk || !browserOk) {
    throw new HttpError(
      403,
      "csrf_check_failed",
      "This form was not sent from the sign-in page of this browser (its security token does not match). Start signing in again from the app.",
    );
  }
  return { flow, fields };
}

export function text(fields: Fields, name: string): string {
  const value = fields[name];
  return typeof value === "string" ? value.trim() : "";
}

export function stepUrl(path: string, flow: PendingAuthorization): string {
  return `${path}?${new URLSearchParams({ authorization_session_id: flow.id })}`;
}

function membershipOrganizations(ctx: Ctx, user: UserRecord) {
  return ctx.app.store
    .membershipsOf(user.id)
    .map((m) => ctx.app.store.organization(m.organization_id))
    .filter((org) => org !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function showOrganizationPicker(ctx: Ctx, flow: PendingAuthorization, user: UserRecord, error?: string): void {
  sendHtml(ctx.res, error ? 400 : 200, organizationPickerPage(flow, membershipOrganizations(ctx, user), error));
}

/**
 * Moves a sign-in whose password (or code) was accepted to its next step: email verification,
 * organization choice, or back to the app with a code.
 */
export function proceed(ctx: Ctx, flow: PendingAuthorization, user: UserRecord): void {
  const { store, limiter } = ctx.app;
  // Only a verified account forgives earlier failures. A right password for an unverified one takes
  // back just its own attempt, so signing in again cannot wipe out the count of wrong codes.
  if (user.email_verified) limiter.clear(user.email);
  else limiter.forgive(user.email);
  flow.userId = user.id;
  if (!user.email_verified) {
    flow.step = "verify-email";
    issueVerificationCode(ctx, user.email);
    redirect(ctx.res, stepUrl("/email-verification", flow), 303);
    return;
  }
  if (flow.organizationId) {
    if (!store.membership(user.id, flow.organizationId)) {
      const org = store.organization(flow.organizationId);
      throw new HttpError(
        403,
        "organization_membership_required",
        `${user.email} is not a member of ${org?.name ?? flow.organizationId}. Sign in with another account, or add the membership through POST /_local/memberships.`,
      );
    }
    complete(ctx, flow, user, flow.organizationId);
    return;
  }
  const orgs = membershipOrganizations(ctx, user);
  if (orgs.length > 1) {
    flow.step = "choose-organization";
    redirect(ctx.res, stepUrl("/organization-selection", flow), 303);
    return;
  }
  complete(ctx, flow, user, orgs[0]?.id ?? null);
}

/** The end of a hosted sign-in: back to the app's redirect URI with a single-use code and its state. */
export function complete(ctx: Ctx, flow: PendingAuthorization, user: UserRecord, organizationId: string | null): void {
  const { store, flows, config } = ctx.app;
  store.updateUser(user.id, { last_sign_in_at: new Date().toISOString() });
  const code = flows.complete(flow, config.clientId, user.id, organizationId);
  const target = new URL(flow.redirectUri);
  target.searchParams.set("code", code);
  if (flow.state !== undefined) target.searchParams.set("state", flow.state);
  ctx.note(`${user.email} signed in${organizationId ? ` to ${organizationId}` : ""}: code issued for ${flow.redirectUri}`);
  redirect(ctx.res, target.href, 302);
}

export function issueVerificationCode(ctx: Ctx, email: string): void {
  const code = ctx.app.store.issueCode(email, "email_verification");
  ctx.app.config.log(`email verification code for ${email}: ${code} (no email is sent)`);
}

/**
 * Counts an attempt on the account (as failed until it succeeds), or refuses it when the account
 * has failed too often; returns true when it was refused. Call it after the form's own checks and
 * before anything that awaits.
 */
export function rateLimited(ctx: Ctx, email: string, render: (message: string) => string): boolean {
  const waitMs = ctx.app.limiter.begin(email.toLowerCase());
  if (!waitMs) return false;
  const minutes = Math.ceil(waitMs / 60000);
  const message = `Too many failed attempts for ${email}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"} (or reset the Local AuthKit with POST /_local/reset).`;
  ctx.note(`rate limited: ${email}`);
  sendHtml(ctx.res, 429, render(message));
  return true;
}
