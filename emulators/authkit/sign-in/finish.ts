import type { UserRecord } from "../data.ts";
import type { Ctx } from "../http/context.ts";
import { note } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import { html, redirect } from "../http/respond.ts";
import type { Attempt } from "../limiter.ts";
import { organizationPickerPage } from "../pages/organizations.ts";
import type { PendingAuthorization } from "./flows.ts";
import { stepUrl } from "./forms.ts";
import { acceptFlowInvitation } from "./invitation.ts";

export function membershipOrganizations(c: Ctx, user: UserRecord) {
  const { store } = c.var.app;
  return store
    .membershipsOf(user.id)
    .map((m) => store.organization(m.organization_id))
    .filter((org) => org !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function showOrganizationPicker(c: Ctx, flow: PendingAuthorization, user: UserRecord, error?: string): Response {
  return html(c, error ? 400 : 200, organizationPickerPage(flow, membershipOrganizations(c, user), error));
}

/**
 * Moves a sign-in whose password (or code) was accepted to its next step: email verification,
 * organization choice, or back to the app with a code.
 */
export function proceed(c: Ctx, flow: PendingAuthorization, signedIn: UserRecord): Response {
  const { store } = c.var.app;
  // An invitation is accepted as soon as its invitee has proven who they are (it verifies the email too).
  const user = acceptFlowInvitation(c, flow, signedIn);
  flow.userId = user.id;
  if (!user.email_verified) {
    flow.step = "verify-email";
    issueVerificationCode(c, user.email);
    return redirect(c, stepUrl("/email-verification", flow), 303);
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
    return complete(c, flow, user, flow.organizationId);
  }
  const orgs = membershipOrganizations(c, user);
  if (orgs.length > 1) {
    flow.step = "choose-organization";
    return redirect(c, stepUrl("/organization-selection", flow), 303);
  }
  return complete(c, flow, user, orgs[0]?.id ?? null);
}

/** The end of a hosted sign-in: back to the app's redirect URI with a single-use code and its state. */
export function complete(c: Ctx, flow: PendingAuthorization, user: UserRecord, organizationId: string | null): Response {
  const { store, flows, config } = c.var.app;
  store.updateUser(user.id, { last_sign_in_at: new Date().toISOString() });
  const code = flows.complete(flow, config.clientId, user.id, organizationId);
  const target = new URL(flow.redirectUri);
  target.searchParams.set("code", code);
  if (flow.state !== undefined) target.searchParams.set("state", flow.state);
  note(c, `${user.email} signed in${organizationId ? ` to ${organizationId}` : ""}: code issued for ${flow.redirectUri}`);
  return redirect(c, target.href, 302);
}

export function issueVerificationCode(c: Ctx, email: string): void {
  const code = c.var.app.store.issueCode(email, "email_verification");
  c.var.app.config.log(`email verification code for ${email}: ${code} (no email is sent)`);
}

/**
 * Runs one check of a password or code for the account under the failure limit (see limiter.ts):
 * `check` calls `attempt.succeed` when it passes; anything else counts as a failure. When the
 * account has failed too often, the 429 page `render` makes is the answer instead.
 */
export async function underFailureLimit(
  c: Ctx,
  email: string,
  render: (message: string) => string,
  check: (attempt: Attempt) => Promise<Response>,
): Promise<Response> {
  const start = await c.var.app.limiter.begin(email.toLowerCase());
  if (!("attempt" in start)) {
    const minutes = Math.ceil(start.blockedMs / 60000);
    const message = `Too many failed attempts for ${email}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"} (or reset the Local AuthKit with POST /_local/reset).`;
    note(c, `rate limited: ${email}`);
    return html(c, 429, render(message));
  }
  try {
    return await check(start.attempt);
  } finally {
    start.attempt.end();
  }
}
