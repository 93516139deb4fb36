import type { Store } from "../store.ts";
import type { DirectoryUserRecord } from "../store/directory-users.ts";
import { DEFAULT_ROLE, roleFor } from "./memberships.ts";

/**
 * A directory user's role, as WorkOS's directory group role assignment gives it
 * (https://workos.com/docs/directory-sync/identity-provider-role-assignment), read strictly:
 *
 * - a user in one or more groups with a role assignment gets the highest-priority of those roles,
 *   priority being the order of the environment's roles (WorkOS's role priority order; here the
 *   order roles were added, the seed's first), an organization's own role ranking where it was
 *   added; Multiple Roles is off, so it is one role;
 * - a user in no such group gets the role the test API pushed with it, when that names a role
 *   (the stand-in for a role the IdP sends without groups), else the environment's default role;
 * - an assignment naming a role that no longer exists counts as no assignment.
 */
export function directoryUserRole(store: Store, user: DirectoryUserRecord): string | null {
  const known = (slug: string | null | undefined) => (slug && roleFor(store, user.organization_id, slug) ? slug : null);
  const groups = new Set(store.directoryGroupMembers.findBy("directory_user_id", user.id).map((m) => m.group_id));
  const mapped = store.directoryRoleAssignments
    .findBy("directory_id", user.directory_id)
    .filter((a) => groups.has(a.group_id) && known(a.role_slug) !== null)
    .map((a) => a.role_slug);
  if (mapped.length > 0) {
    const order = store.roles.list().filter((r) => !r.organization_id || r.organization_id === user.organization_id);
    const rank = (slug: string) => order.findIndex((r) => r === roleFor(store, user.organization_id, slug));
    return mapped.reduce((best, slug) => (rank(slug) < rank(best) ? slug : best));
  }
  return known(pushedRole(user)) ?? known(DEFAULT_ROLE);
}

/** What the test API pushed as the user's role (files from before `idp_role` kept it in `role`). */
export function pushedRole(user: DirectoryUserRecord): string | null {
  return user.idp_role === undefined ? user.role : user.idp_role;
}
