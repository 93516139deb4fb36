import { membershipResponse, organizationResponse, userResponse } from "../data.ts";
import { optionalString, readFields, requiredString } from "../http/body.ts";
import { HttpError, badRequest } from "../http/errors.ts";
import { sendJson } from "../http/respond.ts";
import type { Ctx, Route } from "../http/router.ts";
import { hashPassword, passwordWeakness } from "../passwords.ts";
import { EmailTakenError } from "../store.ts";

// Not part of WorkOS: helpers for tests and scripts, under their own prefix.

function conflict(description: string): HttpError {
  return new HttpError(409, "conflict", description);
}

async function createUser(ctx: Ctx): Promise<void> {
  const fields = await readFields(ctx.req);
  const { store } = ctx.app;
  const email = requiredString(fields, "email").trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badRequest(`"${email}" is not an email address.`);
  if (store.userByEmail(email)) throw conflict(`A user with email ${email} already exists.`);
  const password = optionalString(fields, "password");
  if (password) {
    const weakness = passwordWeakness(password, email);
    if (weakness) throw badRequest(weakness);
  }
  const verified = fields.email_verified;
  if (verified !== undefined && typeof verified !== "boolean") throw badRequest("`email_verified` must be a boolean.");
  const passwordHash = password ? await hashPassword(password) : null;
  let user;
  try {
    // Checked again here: a parallel request for the same email may have finished while this one hashed.
    user = store.createUser({
      email,
      passwordHash,
      firstName: optionalString(fields, "first_name") ?? null,
      lastName: optionalString(fields, "last_name") ?? null,
      emailVerified: verified ?? true,
    });
  } catch (error) {
    if (error instanceof EmailTakenError) throw conflict(error.message);
    throw error;
  }
  ctx.note(`created ${user.id} (${email})`);
  sendJson(ctx.res, 201, userResponse(user));
}

async function createOrganization(ctx: Ctx): Promise<void> {
  const fields = await readFields(ctx.req);
  const { store } = ctx.app;
  const name = requiredString(fields, "name");
  const id = optionalString(fields, "id");
  if (id && !/^org_[A-Za-z0-9_]+$/.test(id)) throw badRequest('`id` must look like "org_…" (letters, digits, "_").');
  if (id && store.organization(id)) throw conflict(`Organization ${id} already exists.`);
  const org = store.createOrganization(name, id);
  ctx.note(`created ${org.id}`);
  sendJson(ctx.res, 201, organizationResponse(org));
}

async function createMembership(ctx: Ctx): Promise<void> {
  const fields = await readFields(ctx.req);
  const { store } = ctx.app;
  const userId = optionalString(fields, "user_id");
  const email = optionalString(fields, "email");
  const user = userId ? store.user(userId) : email ? store.userByEmail(email) : undefined;
  if (!userId && !email) throw badRequest("Pass `user_id` or `email`.");
  if (!user) throw new HttpError(404, "not_found", `No user ${userId ?? email}.`);
  const organizationId = requiredString(fields, "organization_id");
  if (!store.organization(organizationId)) throw new HttpError(404, "not_found", `No organization ${organizationId}.`);
  const role = optionalString(fields, "role") ?? optionalString(fields, "role_slug") ?? "member";
  if (!store.role(role)) throw badRequest(`Unknown role "${role}".`);
  if (store.membership(user.id, organizationId)) throw conflict(`${user.email} is already a member of ${organizationId}.`);
  const membership = store.createMembership(user.id, organizationId, role);
  ctx.note(`${user.email} joined ${organizationId} as ${role}`);
  sendJson(ctx.res, 201, membershipResponse(membership));
}

/** GET /_local/codes?email=: the latest codes "emailed" to that address (null when none). */
function codes(ctx: Ctx): void {
  const email = ctx.url.searchParams.get("email");
  if (!email) throw badRequest("Pass ?email=.");
  const { store } = ctx.app;
  const latest = (kind: "email_verification" | "password_reset") => {
    const record = store.latestCode(email, kind);
    return record && !record.used_at && Date.parse(record.expires_at) > Date.now() ? record.code : null;
  };
  sendJson(ctx.res, 200, {
    email: email.trim().toLowerCase(),
    verification_code: latest("email_verification"),
    password_reset_code: latest("password_reset"),
  });
}

async function reset(ctx: Ctx): Promise<void> {
  const { store, flows, limiter } = ctx.app;
  await store.reset();
  flows.clear();
  limiter.clear();
  ctx.note("reset to the seed");
  sendJson(ctx.res, 200, { status: "reset" });
}

export const testApiRoutes: Route[] = [
  { method: "POST", path: "/_local/users", kind: "api", handle: createUser },
  { method: "POST", path: "/_local/organizations", kind: "api", handle: createOrganization },
  { method: "POST", path: "/_local/memberships", kind: "api", handle: createMembership },
  { method: "GET", path: "/_local/codes", kind: "api", handle: codes },
  { method: "POST", path: "/_local/reset", kind: "api", handle: reset },
];
