import { HttpError, notFound } from "../http/errors.ts";
import { newId } from "../ids.ts";
import type { Store } from "../store.ts";
import { membershipStatus, type MembershipRecord } from "../store/memberships.ts";
import { roleKey, type RoleRecord } from "../store/roles.ts";

/**
 * Organization memberships, for every area that makes or ends them: the memberships API,
 * invitations (a pending membership, activated on acceptance) and directory sync
 * (directory-managed memberships). One user has at most one membership per organization, whatever
 * its status; `Store.membership(userId, orgId)` (sign-in, token claims) sees only active ones.
 */

/** WorkOS's default role slug when a membership is made without one. */
export const DEFAULT_ROLE = "member";

/** The role `slug` names for members of `organizationId`: one of the organization's own roles, else an environment role. */
export function roleFor(store: Store, organizationId: string, slug: string): RoleRecord | undefined {
  return store.roles.get(roleKey(slug, organizationId)) ?? store.roles.get(roleKey(slug));
}

/** WorkOS's 422 `invalid_role` for a slug that names no role of the environment or the organization. */
export function checkRole(store: Store, organizationId: string, slug: string): RoleRecord {
  const role = roleFor(store, organizationId, slug);
  if (!role) {
    throw new HttpError(422, "invalid_role", `Role "${slug}" does not exist in this environment or organization ${organizationId}.`, { role_slug: slug });
  }
  return role;
}

/** The user's membership of the organization, whatever its status. */
export function findMembership(store: Store, userId: string, organizationId: string): MembershipRecord | undefined {
  return store.memberships.findBy("user_id", userId).find((m) => m.organization_id === organizationId);
}

export interface AddMembership {
  userId: string;
  organizationId: string;
  /** Validated against the environment's and the organization's roles; default `member`. */
  roleSlug?: string;
  /** `pending` for an invitation's membership (see activateMembership); default `active`. */
  status?: "active" | "pending";
  directoryManaged?: boolean;
  customAttributes?: Record<string, unknown>;
}

export interface AddedMembership {
  membership: MembershipRecord;
  /** `reactivated`: an inactive membership was made active again (with the given role, when one was given). */
  outcome: "created" | "reactivated";
}

/**
 * Adds a user to an organization, as `POST /user_management/organization_memberships` does: 404
 * for an unknown user or organization, 422 `invalid_role`, an inactive membership reactivated,
 * 400 `cannot_reactivate_pending_organization_membership` for a pending one (accept its
 * invitation instead), and 400 `organization_membership_already_exists` for an active one
 * (WorkOS documents no error for this; the code is the one WorkOS integrations check for).
 */
export function addMembership(store: Store, input: AddMembership): AddedMembership {
  return store.atomically(() => {
    if (!store.user(input.userId)) throw notFound("User", input.userId);
    if (!store.organization(input.organizationId)) throw notFound("Organization", input.organizationId);
    const role = checkRole(store, input.organizationId, input.roleSlug ?? DEFAULT_ROLE).slug;
    const existing = findMembership(store, input.userId, input.organizationId);
    if (existing) {
      const status = membershipStatus(existing);
      if (status === "pending") throw cannotReactivatePending(existing.id);
      if (status === "active") {
        throw new HttpError(400, "organization_membership_already_exists", `User ${input.userId} is already a member of organization ${input.organizationId} (${existing.id}).`);
      }
      const membership = store.memberships.update(existing.id, {
        status: "active",
        ...(input.roleSlug !== undefined && { role }),
        ...(input.directoryManaged !== undefined && { directory_managed: input.directoryManaged }),
        ...(input.customAttributes !== undefined && { custom_attributes: input.customAttributes }),
      });
      return { membership, outcome: "reactivated" };
    }
    const now = new Date().toISOString();
    const membership = store.memberships.insert({
      id: newId("om"),
      user_id: input.userId,
      organization_id: input.organizationId,
      role,
      status: input.status ?? "active",
      directory_managed: input.directoryManaged ?? false,
      custom_attributes: input.customAttributes ?? {},
      created_at: now,
      updated_at: now,
    });
    return { membership, outcome: "created" };
  });
}

function membershipOrThrow(store: Store, id: string): MembershipRecord {
  const membership = store.memberships.get(id);
  if (!membership) throw notFound("Organization membership", id);
  return membership;
}

const cannotReactivatePending = (id: string) =>
  new HttpError(400, "cannot_reactivate_pending_organization_membership", `Organization membership ${id} is pending: it becomes active when its invitation is accepted.`);

/** Sets a membership's role (validated for its organization). */
export function setMembershipRole(store: Store, id: string, roleSlug: string): MembershipRecord {
  const membership = membershipOrThrow(store, id);
  const role = checkRole(store, membership.organization_id, roleSlug).slug;
  return store.memberships.update(id, { role });
}

/**
 * Deactivates a membership: the member can no longer sign in to, or refresh into, the
 * organization. An inactive one is left as it is (WorkOS: a no-op); a pending one is 400
 * `cannot_deactivate_pending_organization_membership`.
 */
export function deactivateMembership(store: Store, id: string): MembershipRecord {
  const membership = membershipOrThrow(store, id);
  const status = membershipStatus(membership);
  if (status === "inactive") return membership;
  if (status === "pending") {
    throw new HttpError(400, "cannot_deactivate_pending_organization_membership", `Organization membership ${id} is pending: revoke its invitation instead.`);
  }
  return store.memberships.update(id, { status: "inactive" });
}

/** Reactivates an inactive membership; an active one is left as it is; a pending one is 400 (accept the invitation instead). */
export function reactivateMembership(store: Store, id: string): MembershipRecord {
  const membership = membershipOrThrow(store, id);
  const status = membershipStatus(membership);
  if (status === "active") return membership;
  if (status === "pending") throw cannotReactivatePending(id);
  return store.memberships.update(id, { status: "active" });
}

/** Makes a pending membership active: what accepting its invitation does. Any other status is left as it is. */
export function activateMembership(store: Store, id: string): MembershipRecord {
  const membership = membershipOrThrow(store, id);
  return membershipStatus(membership) === "pending" ? store.memberships.update(id, { status: "active" }) : membership;
}

/** Removes a membership (404 when there is none); the member's sessions lose the organization at their next refresh. */
export function removeMembership(store: Store, id: string): MembershipRecord {
  const membership = membershipOrThrow(store, id);
  store.memberships.delete(id);
  return membership;
}
