import { defineCollection } from "./collection.ts";
import type { directoryGroupResponse } from "./directory-groups.ts";
import type { directoryUserResponse } from "./directory-users.ts";

/** A directory user's membership of a directory group: created is `dsync.group.user_added`, deleted `dsync.group.user_removed`. */
export interface DirectoryGroupMemberRecord {
  directory_id: string;
  organization_id: string;
  group_id: string;
  directory_user_id: string;
  /**
   * The user and group as they were when the user was added: what `dsync.group.user_added` and
   * `.user_removed` carry (when a user or group is deleted, its memberships go with it, and the
   * change hooks no longer find it in the store).
   */
  user: ReturnType<typeof directoryUserResponse>;
  group: ReturnType<typeof directoryGroupResponse>;
  created_at: string;
}

export const groupMemberKey = (groupId: string, directoryUserId: string) => `${groupId}\u0000${directoryUserId}`;

export const directoryGroupMembers = defineCollection<DirectoryGroupMemberRecord>()({
  name: "directory_group_members",
  key: (m) => groupMemberKey(m.group_id, m.directory_user_id),
  indexes: {
    group_id: { of: (m) => m.group_id },
    directory_user_id: { of: (m) => m.directory_user_id },
  },
});
