import type { Store } from "../store.ts";
import { groupMemberKey } from "../store/directory-group-members.ts";
import { directoryGroupResponse, type DirectoryGroupRecord } from "../store/directory-groups.ts";
import type { DirectoryRoleAssignmentRecord } from "../store/directory-role-assignments.ts";
import { directoryUserResponse, type DirectoryUserRecord } from "../store/directory-users.ts";
import { refreshDirectoryUsers } from "./directory-users.ts";
import { checkRole } from "./memberships.ts";

/**
 * Directory groups, their members and their role assignments, for the test API (the IdP's pushes)
 * and the Admin Portal (the IT admin's role assignment). Every change that can move a role is
 * followed, in the same atomic change, by the directory users' new `role` and their memberships'
 * (directory-users.ts `refreshDirectoryUsers`), so WorkOS's `dsync.group.*`, `dsync.user.updated`
 * and `organization_membership.updated` come out of one change, in that order.
 */

const membersOf = (store: Store, groupId: string) => store.directoryGroupMembers.findBy("group_id", groupId).map((m) => m.directory_user_id);

/** Adds a user to a group (false when it was in it already). */
export function addGroupMember(store: Store, group: DirectoryGroupRecord, user: DirectoryUserRecord): boolean {
  if (store.directoryGroupMembers.get(groupMemberKey(group.id, user.id))) return false;
  store.atomically(() => {
    store.directoryGroupMembers.insert({
      directory_id: group.directory_id,
      organization_id: group.organization_id,
      group_id: group.id,
      directory_user_id: user.id,
      user: directoryUserResponse(user),
      group: directoryGroupResponse(group),
      created_at: new Date().toISOString(),
    });
    refreshDirectoryUsers(store, [user.id]);
  });
  return true;
}

/** Takes a user out of a group (false when it was not in it). */
export function removeGroupMember(store: Store, groupId: string, userId: string): boolean {
  return store.atomically(() => {
    if (!store.directoryGroupMembers.delete(groupMemberKey(groupId, userId))) return false;
    refreshDirectoryUsers(store, [userId]);
    return true;
  });
}

/** Deletes a group with its memberships and role assignment; its members' roles follow. */
export function deleteGroup(store: Store, groupId: string): void {
  store.atomically(() => {
    const members = membersOf(store, groupId);
    store.directoryGroupMembers.deleteWhere((m) => m.group_id === groupId);
    store.directoryRoleAssignments.delete(groupId);
    store.directoryGroups.delete(groupId);
    refreshDirectoryUsers(store, members);
  });
}

/**
 * Assigns `roleSlug` to a group's members (null: removes the assignment): 422 `invalid_role` for a
 * slug that names no role of the environment or the organization. The group's members get their
 * new role at once, as WorkOS applies a changed assignment to the directory's users.
 */
export function setGroupRole(store: Store, group: DirectoryGroupRecord, roleSlug: string | null): DirectoryRoleAssignmentRecord | undefined {
  return store.atomically(() => {
    const current = store.directoryRoleAssignments.get(group.id);
    let assignment: DirectoryRoleAssignmentRecord | undefined;
    if (roleSlug === null) {
      store.directoryRoleAssignments.delete(group.id);
    } else {
      const slug = checkRole(store, group.organization_id, roleSlug).slug;
      if (current?.role_slug === slug) return current;
      const now = new Date().toISOString();
      assignment = current
        ? store.directoryRoleAssignments.update(group.id, { role_slug: slug })
        : store.directoryRoleAssignments.insert({ group_id: group.id, directory_id: group.directory_id, organization_id: group.organization_id, role_slug: slug, created_at: now, updated_at: now });
    }
    refreshDirectoryUsers(store, membersOf(store, group.id));
    return assignment;
  });
}
