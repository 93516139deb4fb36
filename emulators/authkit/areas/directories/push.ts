import { randomBytes } from "node:crypto";
import { optionalString, readFields, requiredString, type Fields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { badRequest, conflict, invalidField, notFound } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { createDirectory } from "../../provisioning/directories.ts";
import { addGroupMember as addToGroup, deleteGroup, removeGroupMember as removeFromGroup, setGroupRole } from "../../provisioning/directory-groups.ts";
import { createDirectoryUser, deleteDirectoryUser, DuplicateIdpIdError, updateDirectoryUser, type DirectoryUserInput } from "../../provisioning/directory-users.ts";
import type { Store } from "../../store.ts";
import { DIRECTORY_TYPES, directoryResponse, type DirectoryRecord, type DirectoryType } from "../../store/directories.ts";
import { directoryGroupResponse, groupIdpKey, type DirectoryGroupRecord } from "../../store/directory-groups.ts";
import { roleAssignmentResponse } from "../../store/directory-role-assignments.ts";
import type { DirectoryUserRecord, DirectoryUserState } from "../../store/directory-users.ts";
import { userWithGroups } from "./api.ts";

// The test API standing in for an identity provider's SCIM pushes (Okta, Entra…): what it is told
// here is what `GET /directory_users` and the provisioned memberships then show.

const STATES: DirectoryUserState[] = ["active", "suspended", "inactive"];

function directoryOf(c: Ctx): DirectoryRecord {
  const id = c.req.param("id")!;
  const directory = c.var.app.store.directories.get(id);
  if (!directory) throw notFound("Directory", id);
  return directory;
}

function userOf(c: Ctx, directory: DirectoryRecord, param = "userId"): DirectoryUserRecord {
  const id = c.req.param(param)!;
  const user = c.var.app.store.directoryUsers.get(id);
  if (!user || user.directory_id !== directory.id) throw notFound("DirectoryUser", id);
  return user;
}

function groupOf(c: Ctx, directory: DirectoryRecord): DirectoryGroupRecord {
  const id = c.req.param("groupId")!;
  const group = c.var.app.store.directoryGroups.get(id);
  if (!group || group.directory_id !== directory.id) throw notFound("DirectoryGroup", id);
  return group;
}

/** A JSON object field (attributes), or undefined when absent. */
function optionalObject(fields: Fields, name: string): Record<string, unknown> | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw invalidField(name, `\`${name}\` must be a JSON object.`);
  return value as Record<string, unknown>;
}

/** A nullable string field: undefined when absent, null when sent as null or "". */
function nullableString(fields: Fields, name: string): string | null | undefined {
  if (!(name in fields)) return undefined;
  return optionalString(fields, name) ?? null;
}

function emailField(fields: Fields): string | null | undefined {
  const email = nullableString(fields, "email");
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalidField("email", `"${email}" is not an email address.`);
  return email === undefined || email === null ? email : email.trim().toLowerCase();
}

/** `role`: a role slug, or WorkOS's `{ slug }`; null clears it. */
function roleField(fields: Fields): string | null | undefined {
  const value = fields.role;
  if (value === undefined) return undefined;
  if (value === null || value === "") return null;
  if (typeof value === "string") return value;
  if (typeof value === "object" && !Array.isArray(value) && typeof (value as { slug?: unknown }).slug === "string") return (value as { slug: string }).slug;
  throw invalidField("role", "`role` must be a role slug or `{ \"slug\": … }`.");
}

function userChanges(fields: Fields): Partial<DirectoryUserInput> {
  const changes: Partial<DirectoryUserInput> = {};
  const idp = optionalString(fields, "idp_id");
  if (idp !== undefined) changes.idp_id = idp;
  const email = emailField(fields);
  if (email !== undefined) changes.email = email;
  for (const name of ["first_name", "last_name"] as const) {
    const value = nullableString(fields, name);
    if (value !== undefined) changes[name] = value;
  }
  const state = optionalString(fields, "state");
  if (state !== undefined) {
    if (!STATES.includes(state as DirectoryUserState)) throw invalidField("state", `\`state\` must be one of ${STATES.join(", ")}, got "${state}".`);
    changes.state = state as DirectoryUserState;
  }
  const role = roleField(fields);
  if (role !== undefined) changes.idp_role = role;
  for (const name of ["custom_attributes", "raw_attributes"] as const) {
    const value = optionalObject(fields, name);
    if (value !== undefined) changes[name] = value;
  }
  return changes;
}

const idpId = () => randomBytes(8).toString("hex");

/** POST /_local/directories `{ organization_id, name?, type? ("generic scim v2.0"), domain?, id? }`: 201 directory. */
export async function pushDirectory(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
  const organizationId = requiredString(fields, "organization_id");
  const org = store.organization(organizationId);
  if (!org) throw notFound("Organization", organizationId);
  const type = optionalString(fields, "type") ?? "generic scim v2.0";
  if (!DIRECTORY_TYPES.includes(type as DirectoryType)) throw invalidField("type", `\`type\` must be a WorkOS directory type such as "generic scim v2.0", got "${type}".`);
  const id = optionalString(fields, "id");
  if (id && !/^directory_[A-Za-z0-9]+$/.test(id)) throw badRequest('`id` must look like "directory_…" (letters and digits).');
  if (id && store.directories.get(id)) throw conflict(`Directory ${id} already exists.`);
  const directory = createDirectory(store, {
    organization_id: org.id,
    name: optionalString(fields, "name") ?? `${org.name} directory`,
    type: type as DirectoryType,
    domain: optionalString(fields, "domain")?.toLowerCase() ?? null,
    id,
  });
  note(c, `created ${directory.id} for ${org.id}`);
  return c.json(directoryResponse(directory), 201);
}

function saveUser(c: Ctx, save: () => DirectoryUserRecord, status: 200 | 201): Response {
  const { store } = c.var.app;
  let user;
  try {
    user = save();
  } catch (error) {
    if (error instanceof DuplicateIdpIdError) throw conflict(error.message);
    throw error;
  }
  note(c, `${user.id} (${user.email ?? "no email"}) is ${user.state}`);
  return c.json(userWithGroups(store, user), status);
}

/** POST /_local/directories/<id>/users: a user the IdP pushes; `state` defaults to active. */
export async function pushUser(c: Ctx): Promise<Response> {
  const directory = directoryOf(c);
  const changes = userChanges(await readFields(c));
  const input: DirectoryUserInput = {
    idp_id: changes.idp_id ?? idpId(),
    email: changes.email ?? null,
    first_name: changes.first_name ?? null,
    last_name: changes.last_name ?? null,
    state: changes.state ?? "active",
    idp_role: changes.idp_role ?? null,
    custom_attributes: changes.custom_attributes ?? {},
    raw_attributes: changes.raw_attributes ?? {},
  };
  return saveUser(c, () => createDirectoryUser(c.var.app.store, directory, input), 201);
}

/** PUT /_local/directories/<id>/users/<directory user id>: the fields sent replace the stored ones. */
export async function updateUser(c: Ctx): Promise<Response> {
  const directory = directoryOf(c);
  const user = userOf(c, directory);
  const changes = userChanges(await readFields(c));
  return saveUser(c, () => updateDirectoryUser(c.var.app.store, user.id, changes), 200);
}

export function removeUser(c: Ctx): Response {
  const directory = directoryOf(c);
  const user = userOf(c, directory);
  deleteDirectoryUser(c.var.app.store, user.id);
  note(c, `removed ${user.id}`);
  return c.body(null, 204);
}

function checkGroupIdp(store: Store, directoryId: string, idp: string, except?: string): void {
  const other = store.directoryGroups.find("idp_id", groupIdpKey(directoryId, idp));
  if (other && other.id !== except) throw conflict(`Directory ${directoryId} already has a group with idp_id "${idp}".`);
}

/** POST /_local/directories/<id>/groups `{ name, idp_id?, raw_attributes? }`: 201 directory_group. */
export async function pushGroup(c: Ctx): Promise<Response> {
  const directory = directoryOf(c);
  const fields = await readFields(c);
  const { store } = c.var.app;
  const name = requiredString(fields, "name");
  const idp = optionalString(fields, "idp_id") ?? idpId();
  checkGroupIdp(store, directory.id, idp);
  const now = new Date().toISOString();
  const group = store.directoryGroups.insert({
    id: newId("directory_group"),
    directory_id: directory.id,
    organization_id: directory.organization_id,
    idp_id: idp,
    name,
    raw_attributes: optionalObject(fields, "raw_attributes") ?? {},
    created_at: now,
    updated_at: now,
  });
  note(c, `created ${group.id} "${name}"`);
  return c.json(directoryGroupResponse(group), 201);
}

export async function updateGroup(c: Ctx): Promise<Response> {
  const directory = directoryOf(c);
  const group = groupOf(c, directory);
  const fields = await readFields(c);
  const { store } = c.var.app;
  const changes: Partial<DirectoryGroupRecord> = {};
  const name = optionalString(fields, "name");
  if (name !== undefined) changes.name = name;
  const idp = optionalString(fields, "idp_id");
  if (idp !== undefined) {
    checkGroupIdp(store, directory.id, idp, group.id);
    changes.idp_id = idp;
  }
  const raw = optionalObject(fields, "raw_attributes");
  if (raw !== undefined) changes.raw_attributes = raw;
  return c.json(directoryGroupResponse(store.directoryGroups.update(group.id, changes)));
}

export function removeGroup(c: Ctx): Response {
  const directory = directoryOf(c);
  const group = groupOf(c, directory);
  deleteGroup(c.var.app.store, group.id);
  note(c, `removed ${group.id}`);
  return c.body(null, 204);
}

/** POST /_local/directories/<id>/groups/<group id>/users `{ directory_user_id }`: adds the user (200 when already in it). */
export async function addGroupMember(c: Ctx): Promise<Response> {
  const directory = directoryOf(c);
  const group = groupOf(c, directory);
  const userId = requiredString(await readFields(c), "directory_user_id");
  const { store } = c.var.app;
  const user = store.directoryUsers.get(userId);
  if (!user || user.directory_id !== directory.id) throw notFound("DirectoryUser", userId);
  const added = addToGroup(store, group, user);
  if (added) note(c, `${user.id} added to ${group.id}`);
  return c.json(userWithGroups(store, store.directoryUsers.get(user.id)!), added ? 201 : 200);
}

export function removeGroupMember(c: Ctx): Response {
  const directory = directoryOf(c);
  const group = groupOf(c, directory);
  const user = userOf(c, directory);
  const { store } = c.var.app;
  if (!removeFromGroup(store, group.id, user.id)) throw notFound("DirectoryGroupMembership", `${group.id}/${user.id}`);
  note(c, `${user.id} removed from ${group.id}`);
  return c.json(userWithGroups(store, store.directoryUsers.get(user.id)!));
}

/** GET /_local/directories/<id>/role_assignments: the directory's group role assignments (`{ object: "list", data }`). */
export function listRoleAssignments(c: Ctx): Response {
  const directory = directoryOf(c);
  const { store } = c.var.app;
  const data = store.directoryRoleAssignments
    .findBy("directory_id", directory.id)
    .map((a) => roleAssignmentResponse(a, store.directoryGroups.get(a.group_id)?.name ?? a.group_id));
  return c.json({ object: "list", data });
}

/**
 * PUT /_local/directories/<id>/groups/<group id>/role `{ role }` (a slug or `{ slug }`; null
 * removes it): the group's role assignment, as the WorkOS dashboard or Admin Portal sets it. 200
 * with the assignment (204 when removed); 422 `invalid_role` for an unknown role. Its members'
 * roles and memberships follow at once.
 */
export async function putGroupRole(c: Ctx): Promise<Response> {
  const directory = directoryOf(c);
  const group = groupOf(c, directory);
  const fields = await readFields(c);
  if (!("role" in fields)) throw invalidField("role", "Pass `role`: a role slug, or null to remove the assignment.", "required");
  const role = roleField(fields) ?? null;
  const assignment = setGroupRole(c.var.app.store, group, role);
  note(c, role === null ? `${group.id} has no role assignment` : `${group.id} "${group.name}" → ${role}`);
  return assignment ? c.json(roleAssignmentResponse(assignment, group.name)) : c.body(null, 204);
}

export function removeGroupRole(c: Ctx): Response {
  const directory = directoryOf(c);
  const group = groupOf(c, directory);
  setGroupRole(c.var.app.store, group, null);
  note(c, `${group.id} has no role assignment`);
  return c.body(null, 204);
}
