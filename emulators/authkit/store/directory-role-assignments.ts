import { defineCollection } from "./collection.ts";

/**
 * A directory group's role assignment (WorkOS's "directory group role assignment", set in the
 * dashboard or the Admin Portal): members of the group get the role. One role per group. WorkOS
 * announces no event for the assignment itself, only for what it changes (the directory users'
 * `role` and their memberships).
 */
export interface DirectoryRoleAssignmentRecord {
  group_id: string;
  directory_id: string;
  organization_id: string;
  /** An environment role, or one of the organization's own roles. */
  role_slug: string;
  created_at: string;
  updated_at: string;
}

export const directoryRoleAssignments = defineCollection<DirectoryRoleAssignmentRecord>()({
  name: "directory_role_assignments",
  key: (a) => a.group_id,
  indexes: { directory_id: { of: (a) => a.directory_id } },
});

/** How the test API and the Admin Portal show an assignment (not a WorkOS object: WorkOS has no API for them). */
export function roleAssignmentResponse(a: DirectoryRoleAssignmentRecord, groupName: string) {
  return { group_id: a.group_id, group_name: groupName, directory_id: a.directory_id, role: { slug: a.role_slug }, created_at: a.created_at, updated_at: a.updated_at };
}
