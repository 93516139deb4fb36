import type { Area } from "../../http/routes.ts";
import { getDirectory, getDirectoryGroup, getDirectoryUser, listDirectories, listDirectoryGroups, listDirectoryUsers, removeDirectory } from "./api.ts";
import {
  addGroupMember,
  listRoleAssignments,
  pushDirectory,
  pushGroup,
  pushUser,
  putGroupRole,
  removeGroup,
  removeGroupMember,
  removeGroupRole,
  removeUser,
  updateGroup,
  updateUser,
} from "./push.ts";

/** Directory Sync: WorkOS's read API over directories, their users and groups, and the test API an identity provider's pushes go through. */
export const directoriesArea: Area = {
  name: "directories",
  register(r) {
    r.api("GET", "/directories", listDirectories);
    r.api("GET", "/directories/:id", getDirectory);
    r.api("DELETE", "/directories/:id", removeDirectory);
    r.api("GET", "/directory_users", listDirectoryUsers);
    r.api("GET", "/directory_users/:id", getDirectoryUser);
    r.api("GET", "/directory_groups", listDirectoryGroups);
    r.api("GET", "/directory_groups/:id", getDirectoryGroup);

    r.test("POST", "/_local/directories", pushDirectory);
    r.test("POST", "/_local/directories/:id/users", pushUser);
    r.test("PUT", "/_local/directories/:id/users/:userId", updateUser);
    r.test("DELETE", "/_local/directories/:id/users/:userId", removeUser);
    r.test("POST", "/_local/directories/:id/groups", pushGroup);
    r.test("PUT", "/_local/directories/:id/groups/:groupId", updateGroup);
    r.test("DELETE", "/_local/directories/:id/groups/:groupId", removeGroup);
    r.test("POST", "/_local/directories/:id/groups/:groupId/users", addGroupMember);
    r.test("DELETE", "/_local/directories/:id/groups/:groupId/users/:userId", removeGroupMember);
    r.test("GET", "/_local/directories/:id/role_assignments", listRoleAssignments);
    r.test("PUT", "/_local/directories/:id/groups/:groupId/role", putGroupRole);
    r.test("DELETE", "/_local/directories/:id/groups/:groupId/role", removeGroupRole);
  },
};
