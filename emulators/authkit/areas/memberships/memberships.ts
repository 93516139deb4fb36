import type { Fields } from "../../http/body.ts";
import { readFields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { HttpError, invalidField, notFound } from "../../http/errors.ts";
import { arrayParam, listPage, listParams } from "../../http/list.ts";
import { onlyFields, stringArrayField, stringField } from "../../http/workos-fields.ts";
import {
  addMembership,
  deactivateMembership,
  reactivateMembership,
  removeMembership,
  setMembershipRole,
} from "../../provisioning/memberships.ts";
import type { Store } from "../../store.ts";
import { membershipStatus, type MembershipRecord, type MembershipStatus } from "../../store/memberships.ts";
import { membershipJson } from "../../store/wire.ts";

/** Organization memberships of the User Management API (`/user_management/organization_memberships…`). */

const STATUSES: readonly MembershipStatus[] = ["active", "inactive", "pending"];

function membershipOrThrow(store: Store, id: string): MembershipRecord {
  const membership = store.memberships.get(id);
  if (!membership) throw notFound("Organization membership", id);
  return membership;
}

/**
 * The one role slug of a create or update: `role_slug`, or `role_slugs` with exactly one (this
 * environment has WorkOS's Multiple Roles off: more is 422 `multiple_roles_not_enabled`); both at
 * once is a 422. Undefined when neither is sent.
 */
function roleSlugOf(fields: Fields): string | undefined {
  const roleSlug = stringField(fields, "role_slug", { nonEmpty: true });
  const roleSlugs = stringArrayField(fields, "role_slugs");
  if (roleSlug !== undefined && roleSlugs !== undefined) throw invalidField("role_slugs", "Send `role_slug` or `role_slugs`, not both.");
  if (roleSlugs === undefined) return roleSlug;
  if (roleSlugs.length === 0) throw invalidField("role_slugs", "`role_slugs` must name a role.");
  if (roleSlugs.length > 1) {
    throw new HttpError(422, "multiple_roles_not_enabled", "Multiple Roles is not enabled in this environment: send one role in `role_slugs` (or `role_slug`).");
  }
  return roleSlugs[0];
}

export function getMembership(c: Ctx): Response {
  const { store } = c.var.app;
  return c.json(membershipJson(store, membershipOrThrow(store, c.req.param("id")!)));
}

/**
 * GET /user_management/organization_memberships: `organization_id` and/or `user_id` (one is
 * required: 400 `missing_user_id_or_organization_id`; an unknown one is a 404) and `statuses`
 * (comma-joined; by default active ones only, as WorkOS documents).
 */
export function listMemberships(c: Ctx): Response {
  const { store } = c.var.app;
  const params = listParams(c);
  const organizationId = c.req.query("organization_id") || undefined;
  const userId = c.req.query("user_id") || undefined;
  if (!organizationId && !userId) {
    throw new HttpError(400, "missing_user_id_or_organization_id", "Pass `organization_id` or `user_id` (or both) to list organization memberships.");
  }
  if (organizationId && !store.organization(organizationId)) throw notFound("Organization", organizationId);
  if (userId && !store.user(userId)) throw notFound("User", userId);
  const statuses = arrayParam(c, "statuses") ?? ["active"];
  const wrong = statuses.find((s) => !STATUSES.includes(s as MembershipStatus));
  if (wrong !== undefined) {
    throw new HttpError(400, "invalid_request_parameters", `statuses must be active, inactive or pending (comma-joined), got "${wrong}".`, {
      errors: [{ field: "statuses", code: "invalid" }],
    });
  }
  const candidates = userId ? store.memberships.findBy("user_id", userId) : store.memberships.findBy("organization_id", organizationId!);
  const matching = candidates.filter((m) => (!organizationId || m.organization_id === organizationId) && statuses.includes(membershipStatus(m)));
  // The index buckets keep insertion order, which is creation order, as listPage expects.
  return c.json(listPage(matching, params, (m) => membershipJson(store, m)));
}

/** POST /user_management/organization_memberships: see provisioning/memberships.ts `addMembership`. 201, also when it reactivated an inactive one. */
export async function createMembership(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
  onlyFields(fields, ["user_id", "organization_id", "role_slug", "role_slugs"]);
  const userId = stringField(fields, "user_id", { required: true })!;
  const organizationId = stringField(fields, "organization_id", { required: true })!;
  const roleSlug = roleSlugOf(fields);
  const { membership, outcome } = addMembership(store, { userId, organizationId, roleSlug });
  note(c, `${outcome} ${membership.id}: ${userId} in ${organizationId} as ${membership.role}`);
  return c.json(membershipJson(store, membership), 201);
}

/** PUT /user_management/organization_memberships/<id> `{ role_slug | role_slugs }`; with neither, nothing changes. */
export async function updateMembership(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
  const id = c.req.param("id")!;
  membershipOrThrow(store, id);
  onlyFields(fields, ["role_slug", "role_slugs"]);
  const roleSlug = roleSlugOf(fields);
  const membership = roleSlug === undefined ? membershipOrThrow(store, id) : setMembershipRole(store, id, roleSlug);
  note(c, `${id} has role ${membership.role}`);
  return c.json(membershipJson(store, membership));
}

/** DELETE …/<id>: 200, no body. */
export function deleteMembership(c: Ctx): Response {
  const removed = removeMembership(c.var.app.store, c.req.param("id")!);
  note(c, `removed ${removed.id}`);
  return c.body(null, 200);
}

export function deactivate(c: Ctx): Response {
  const { store } = c.var.app;
  const membership = deactivateMembership(store, c.req.param("id")!);
  note(c, `${membership.id} is ${membershipStatus(membership)}`);
  return c.json(membershipJson(store, membership));
}

export function reactivate(c: Ctx): Response {
  const { store } = c.var.app;
  const membership = reactivateMembership(store, c.req.param("id")!);
  note(c, `${membership.id} is ${membershipStatus(membership)}`);
  return c.json(membershipJson(store, membership));
}
