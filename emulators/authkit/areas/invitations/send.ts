import { readFields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { HttpError, notFound } from "../../http/errors.ts";
import { newId, secretToken } from "../../ids.ts";
import { invitationState } from "../../store/invitations.ts";
import { emailValue, integerField, localeField, textField } from "./fields.ts";
import { invitationJson, logInvitationLink } from "./respond.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_EXPIRES_IN_DAYS = 7;
const MIN_EXPIRES_IN_DAYS = 1;
const MAX_EXPIRES_IN_DAYS = 30;
/**
 * The role an invitation to an organization gives when it names none. WorkOS uses the
 * environment's default role; this server's is `member`, as for memberships made elsewhere.
 */
const DEFAULT_ROLE = "member";

/** The SPEC's 400s for send carry a `code` and a `message`, nothing else. */
const refused = (code: string, message: string) => new HttpError(400, code, message);

/**
 * POST /user_management/invitations: `email` (required), `organization_id`, `role_slug`,
 * `expires_in_days` (1–30, default 7), `inviter_user_id`, `locale`. 201 with the invitation; no
 * email is sent, its link is logged.
 */
export async function sendInvitation(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
  const email = emailValue(textField(fields, "email"), "email");
  const organizationId = textField(fields, "organization_id");
  const requestedRole = textField(fields, "role_slug");
  const inviterUserId = textField(fields, "inviter_user_id");
  const expiresInDays = integerField(fields, "expires_in_days") ?? DEFAULT_EXPIRES_IN_DAYS;
  const locale = localeField(fields);

  if (expiresInDays < MIN_EXPIRES_IN_DAYS) {
    throw refused("expires_in_days_too_short", `expires_in_days must be at least ${MIN_EXPIRES_IN_DAYS}, got ${expiresInDays}.`);
  }
  if (expiresInDays > MAX_EXPIRES_IN_DAYS) {
    throw refused("expires_in_days_too_long", `expires_in_days must be at most ${MAX_EXPIRES_IN_DAYS}, got ${expiresInDays}.`);
  }
  const organization = organizationId === undefined ? undefined : store.organization(organizationId);
  if (organizationId !== undefined && !organization) throw notFound("Organization", organizationId);
  // The email names the inviter, so an inviter must be a user.
  if (inviterUserId !== undefined && !store.user(inviterUserId)) throw notFound("User", inviterUserId);

  // A role is what the membership in the organization gets: without an organization there is none
  // to give, and WorkOS's role_slug is null then, so one sent anyway is refused rather than dropped.
  if (organizationId === undefined && requestedRole !== undefined) {
    throw refused("invalid_role", "role_slug needs an organization_id: an invitation to the application only gives no role.");
  }
  const roleSlug = organizationId === undefined ? null : (requestedRole ?? DEFAULT_ROLE);
  if (roleSlug !== null && !store.role(roleSlug)) {
    const known = store.roles.list().map((role) => role.slug).join(", ");
    throw refused("invalid_role", `Role "${roleSlug}" does not exist in this environment (roles: ${known || "none"}).`);
  }

  // Expired, revoked and accepted invitations do not stand in the way of a new one.
  const pending = store.invitations.findBy("email", email).filter((i) => invitationState(i) === "pending");
  const user = store.userByEmail(email);
  if (organizationId !== undefined) {
    if (user && store.membership(user.id, organizationId)) {
      throw refused("user_already_organization_member", `${email} is already a member of organization ${organizationId}.`);
    }
    if (pending.some((i) => i.organization_id === organizationId)) {
      throw refused("email_already_invited_to_organization", `${email} already has a pending invitation to organization ${organizationId}: resend it, or revoke it first.`);
    }
  } else {
    if (user) throw refused("user_already_exists", `A user with email ${email} already exists: invite them to an organization instead.`);
    if (pending.some((i) => i.organization_id === null)) {
      throw refused("email_already_invited", `${email} already has a pending invitation to the application: resend it, or revoke it first.`);
    }
  }

  const now = new Date();
  const invitation = store.invitations.insert({
    id: newId("invitation"),
    email,
    state: "pending",
    accepted_at: null,
    revoked_at: null,
    expires_at: new Date(now.getTime() + expiresInDays * DAY_MS).toISOString(),
    organization_id: organizationId ?? null,
    inviter_user_id: inviterUserId ?? null,
    accepted_user_id: null,
    role_slug: roleSlug,
    token: secretToken(18),
    locale: locale ?? null,
    sent_at: now.toISOString(),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  note(c, `sent ${invitation.id} to ${email}`);
  logInvitationLink(c, invitation, organization);
  return invitationJson(c, invitation, 201);
}
