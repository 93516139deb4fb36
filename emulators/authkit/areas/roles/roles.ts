import { readFields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { HttpError, invalidField, notFound } from "../../http/errors.ts";
import { listPage, listParams } from "../../http/list.ts";
import { onlyFields, stringArrayField, stringField } from "../../http/workos-fields.ts";
import type { Store } from "../../store.ts";
import { permissionResponse, permissionsOf } from "../../store/permissions.ts";
import { roleKey, roleResponse, type RoleRecord } from "../../store/roles.ts";

/**
 * Roles and permissions, read-only: the environment's (from the seed) and each organization's
 * own. WorkOS answers role lists whole (`{ object: "list", data }`, no pagination) in priority
 * order: here the order they were added, environment roles first.
 */

const environmentRoles = (store: Store) => store.roles.list((r) => !r.organization_id);

function organizationOrThrow(store: Store, id: string) {
  const org = store.organization(id);
  if (!org) throw notFound("Organization", id);
  return org;
}

/** The roles members of an organization can have: the environment's, then the organization's own. */
function organizationRoles(store: Store, organizationId: string): RoleRecord[] {
  return [...environmentRoles(store), ...store.roles.findBy("organization_id", organizationId)];
}

export function listEnvironmentRoles(c: Ctx): Response {
  return c.json({ object: "list", data: environmentRoles(c.var.app.store).map(roleResponse) });
}

export function getEnvironmentRole(c: Ctx): Response {
  const slug = c.req.param("slug")!;
  const role = c.var.app.store.roles.get(roleKey(slug));
  if (!role) throw notFound("Role", slug);
  return c.json(roleResponse(role));
}

/** GET /organizations/<id>/roles and GET /authorization/organizations/<id>/roles. */
export function listOrganizationRoles(c: Ctx): Response {
  const { store } = c.var.app;
  const org = organizationOrThrow(store, c.req.param("id")!);
  return c.json({ object: "list", data: organizationRoles(store, org.id).map(roleResponse) });
}

export function getOrganizationRole(c: Ctx): Response {
  const { store } = c.var.app;
  const org = organizationOrThrow(store, c.req.param("id")!);
  const slug = c.req.param("slug")!;
  const role = store.roles.get(roleKey(slug, org.id)) ?? store.roles.get(roleKey(slug));
  if (!role) throw notFound("Role", slug);
  return c.json(roleResponse(role));
}

/** GET /authorization/permissions: the permissions the environment's roles grant, paginated by their ids. */
export function listPermissions(c: Ctx): Response {
  const params = listParams(c);
  return c.json(listPage(permissionsOf(environmentRoles(c.var.app.store)), params, permissionResponse));
}

export function getPermission(c: Ctx): Response {
  const slug = c.req.param("slug")!;
  const permission = permissionsOf(environmentRoles(c.var.app.store)).find((p) => p.slug === slug);
  if (!permission) throw notFound("Permission", slug);
  return c.json(permissionResponse(permission));
}

const SLUG = /^[a-z0-9][a-z0-9_:.-]*$/;

/**
 * POST /_local/roles `{ slug, name?, permissions?, organization_id? }` (test API): an environment
 * role, or an organization's own role when `organization_id` is given. 409 when the slug is taken
 * there.
 */
export async function createRole(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
  onlyFields(fields, ["slug", "name", "description", "permissions", "organization_id"]);
  const slug = stringField(fields, "slug", { required: true })!;
  if (!SLUG.test(slug)) throw invalidField("slug", "`slug` must be lower-case letters, digits, `-`, `_`, `:` or `.`.");
  const organizationId = stringField(fields, "organization_id", { nonEmpty: true });
  if (organizationId) organizationOrThrow(store, organizationId);
  const permissions = stringArrayField(fields, "permissions") ?? [];
  if (store.roles.get(roleKey(slug, organizationId))) throw new HttpError(409, "role_slug_conflict", `A role "${slug}" exists already${organizationId ? ` in ${organizationId}` : ""}.`);
  const now = new Date().toISOString();
  const role = store.roles.insert({
    slug,
    name: stringField(fields, "name", { nonEmpty: true }) ?? slug,
    description: stringField(fields, "description") ?? null,
    permissions,
    organization_id: organizationId ?? null,
    id: `role_${organizationId ? `${organizationId}_` : ""}${slug}`,
    created_at: now,
    updated_at: now,
  });
  note(c, `role ${slug} created${organizationId ? ` for ${organizationId}` : ""}`);
  return c.json(roleResponse(role), 201);
}
