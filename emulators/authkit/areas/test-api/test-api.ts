import { userResponse } from "../../data.ts";
import { findMembership } from "../../provisioning/memberships.ts";
import { membershipJson, organizationJson } from "../../store/wire.ts";
import { optionalString, readFields, requiredString } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { HttpError, badRequest, conflict } from "../../http/errors.ts";
import { hashPassword, passwordWeakness } from "../../passwords.ts";
import { EmailTakenError } from "../../store.ts";

export async function createUser(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
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
  note(c, `created ${user.id} (${email})`);
  return c.json(userResponse(user), 201);
}

export async function createOrganization(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
  const name = requiredString(fields, "name");
  const id = optionalString(fields, "id");
  if (id && !/^org_[A-Za-z0-9_]+$/.test(id)) throw badRequest('`id` must look like "org_…" (letters, digits, "_").');
  if (id && store.organization(id)) throw conflict(`Organization ${id} already exists.`);
  const org = store.createOrganization(name, id);
  note(c, `created ${org.id}`);
  return c.json(organizationJson(store, org), 201);
}

export async function createMembership(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
  const userId = optionalString(fields, "user_id");
  const email = optionalString(fields, "email");
  const user = userId ? store.user(userId) : email ? store.userByEmail(email) : undefined;
  if (!userId && !email) throw badRequest("Pass `user_id` or `email`.");
  if (!user) throw new HttpError(404, "not_found", `No user ${userId ?? email}.`);
  const organizationId = requiredString(fields, "organization_id");
  if (!store.organization(organizationId)) throw new HttpError(404, "not_found", `No organization ${organizationId}.`);
  const role = optionalString(fields, "role") ?? optionalString(fields, "role_slug") ?? "member";
  if (!store.role(role)) throw badRequest(`Unknown role "${role}".`);
  if (findMembership(store, user.id, organizationId)) throw conflict(`${user.email} is already a member of ${organizationId}.`);
  const membership = store.createMembership(user.id, organizationId, role);
  note(c, `${user.email} joined ${organizationId} as ${role}`);
  return c.json(membershipJson(store, membership), 201);
}

/** GET /_local/codes?email=: the latest codes "emailed" to that address (null when none). */
export function codes(c: Ctx): Response {
  const email = c.req.query("email");
  if (!email) throw badRequest("Pass ?email=.");
  const { store } = c.var.app;
  const latest = (kind: "email_verification" | "password_reset" | "magic_auth") => {
    const record = store.latestCode(email, kind);
    return record && !record.used_at && Date.parse(record.expires_at) > Date.now() ? record.code : null;
  };
  return c.json({
    email: email.trim().toLowerCase(),
    verification_code: latest("email_verification"),
    password_reset_code: latest("password_reset"),
    magic_auth_code: latest("magic_auth"),
  });
}

export async function reset(c: Ctx): Promise<Response> {
  const { store, flows, limiter } = c.var.app;
  await store.reset();
  flows.clear();
  limiter.clear();
  note(c, "reset to the seed");
  return c.json({ status: "reset" }, 200);
}
