import { readFields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { HttpError, invalidField, notFound } from "../../http/errors.ts";
import { listPage, listParams } from "../../http/list.ts";
import { booleanField, externalIdField, metadataField, nullableStringField, onlyFields, stringField } from "../../http/workos-fields.ts";
import { hashPassword, passwordWeakness } from "../../passwords.ts";
import type { Store } from "../../store.ts";
import { normalizeEmail, userResponse, type UserRecord } from "../../store/users.ts";

/** The users of the User Management API (`/user_management/users…`), for servers holding the API key. */

const UPDATE_FIELDS = ["email", "email_verified", "first_name", "last_name", "password", "password_hash", "password_hash_type", "external_id", "locale", "metadata"];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function userOrThrow(store: Store, id: string): UserRecord {
  const user = store.user(id);
  if (!user) throw notFound("User", id);
  return user;
}

export function getUser(c: Ctx): Response {
  return c.json(userResponse(userOrThrow(c.var.app.store, c.req.param("id")!)));
}

export function getUserByExternalId(c: Ctx): Response {
  const externalId = c.req.param("external_id")!;
  const user = c.var.app.store.users.find("external_id", externalId);
  if (!user) throw notFound("User", externalId);
  return c.json(userResponse(user));
}

/**
 * GET /user_management/users: `email` (exact, whatever its case) and `organization_id` (or the
 * deprecated `organization`): users with a membership of it in any status, as WorkOS says only
 * "the organization they are a member of".
 */
export function listUsers(c: Ctx): Response {
  const { store } = c.var.app;
  const params = listParams(c);
  const email = c.req.query("email");
  const organizationId = c.req.query("organization_id") || c.req.query("organization");
  const members = organizationId ? new Set(store.memberships.findBy("organization_id", organizationId).map((m) => m.user_id)) : undefined;
  const users = store.users.list((u) => (!email || u.email === normalizeEmail(email)) && (!members || members.has(u.id)));
  return c.json(listPage(users, params, userResponse));
}

/**
 * PUT /user_management/users/<id>: names, email (400 `email_not_available` when another account
 * has it; a changed email is unverified unless `email_verified` says otherwise), `email_verified`,
 * `password` (the sign-in pages' strength rules, 400 `password_strength_error`), `external_id`
 * (400 `external_id_already_used`), `locale` and `metadata` (merged, a key sent as null removed; WorkOS's
 * limits, 400 `invalid_metadata`). Imported password hashes are not emulated (422).
 */
export async function updateUser(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
  const user = userOrThrow(store, c.req.param("id")!);
  onlyFields(fields, UPDATE_FIELDS);
  for (const name of ["password_hash", "password_hash_type"]) {
    if (fields[name] !== undefined) throw invalidField(name, `\`${name}\` (importing a password hash) is not emulated by the Local AuthKit: send \`password\`.`, "unsupported");
  }
  const rawEmail = stringField(fields, "email");
  const emailVerified = booleanField(fields, "email_verified");
  const firstName = nullableStringField(fields, "first_name", { max: 256 });
  const lastName = nullableStringField(fields, "last_name", { max: 256 });
  const password = stringField(fields, "password");
  const externalId = externalIdField(fields);
  const locale = nullableStringField(fields, "locale", { max: 35 });
  const metadata = metadataField(fields, user.metadata ?? {});
  const email = rawEmail === undefined ? undefined : normalizeEmail(rawEmail);
  if (email !== undefined && !EMAIL.test(email)) throw new HttpError(400, "invalid_email", `"${rawEmail}" is not an email address.`);
  const emailChanged = email !== undefined && email !== user.email;
  if (emailChanged && store.userByEmail(email)) throw new HttpError(400, "email_not_available", `Another user has the email ${email}.`);
  if (externalId) {
    const other = store.users.find("external_id", externalId);
    if (other && other.id !== user.id) throw new HttpError(400, "external_id_already_used", `The external_id "${externalId}" is already used by another user.`);
  }
  if (password !== undefined) {
    const weakness = passwordWeakness(password, email ?? user.email);
    if (weakness) throw new HttpError(400, "password_strength_error", weakness);
  }
  const passwordHash = password === undefined ? undefined : await hashPassword(password);
  // Looked up again: the user may have been deleted (or the email taken) while the password hashed.
  if (!store.user(user.id)) throw notFound("User", user.id);
  if (emailChanged && store.userByEmail(email)) throw new HttpError(400, "email_not_available", `Another user has the email ${email}.`);
  const updated = store.users.update(user.id, {
    ...(emailChanged && { email, email_verified: emailVerified ?? false }),
    ...(emailVerified !== undefined && { email_verified: emailVerified }),
    ...(firstName !== undefined && { first_name: firstName || null }),
    ...(lastName !== undefined && { last_name: lastName || null }),
    ...(passwordHash !== undefined && { password_hash: passwordHash }),
    ...(externalId !== undefined && { external_id: externalId }),
    ...(locale !== undefined && { locale: locale || null }),
    ...(metadata !== undefined && { metadata }),
  });
  note(c, `updated ${user.id}`);
  return c.json(userResponse(updated));
}

/** DELETE /user_management/users/<id>: 200, no body. Their memberships go, and their sessions end (refresh tokens stop working). */
export function deleteUser(c: Ctx): Response {
  const { store } = c.var.app;
  const user = userOrThrow(store, c.req.param("id")!);
  store.atomically(() => {
    for (const session of store.sessions.findBy("user_id", user.id)) store.endSession(session.id);
    store.memberships.deleteWhere((m) => m.user_id === user.id);
    store.users.delete(user.id);
  });
  note(c, `deleted ${user.id} (${user.email})`);
  return c.body(null, 200);
}
