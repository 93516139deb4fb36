import { defineCollection } from "./collection.ts";
import { directoryGroupResponse, type DirectoryGroupRecord } from "./directory-groups.ts";

export type DirectoryUserState = "active" | "suspended" | "inactive";

export interface DirectoryUserRecord {
  id: string;
  directory_id: string;
  organization_id: string;
  /** The identity provider's id of the user; one per directory. */
  idp_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  state: DirectoryUserState;
  /**
   * The directory user's role, as WorkOS gives it (provisioning/directory-roles.ts): the
   * highest-priority role of its groups' role assignments, else the role the test API pushed,
   * else the default role; null only where none of these names a role (a seed without `member`).
   */
  role: string | null;
  /** The role the test API pushed with the user (`role`), or null. Absent in files from before it: `role` was the pushed one. */
  idp_role?: string | null;
  custom_attributes: Record<string, unknown>;
  raw_attributes: Record<string, unknown>;
  /** The AuthKit user this directory user provisioned (not on the wire). */
  user_id: string | null;
  created_at: string;
  updated_at: string;
}

export const directoryUsers = defineCollection<DirectoryUserRecord>()({
  name: "directory_users",
  key: (u) => u.id,
  indexes: {
    directory_id: { of: (u) => u.directory_id },
    idp_id: { of: (u) => `${u.directory_id}\u0000${u.idp_id}`, unique: true },
    user_id: { of: (u) => u.user_id },
  },
});

/** The key of the `idp_id` index for a user of `directoryId`. */
export const userIdpKey = (directoryId: string, idpId: string) => `${directoryId}\u0000${idpId}`;

/** The WorkOS `directory_user` object without `groups` (the data of `dsync.user.*` events). */
export function directoryUserResponse(u: DirectoryUserRecord) {
  return {
    object: "directory_user" as const,
    id: u.id,
    directory_id: u.directory_id,
    organization_id: u.organization_id,
    idp_id: u.idp_id,
    email: u.email,
    first_name: u.first_name,
    last_name: u.last_name,
    state: u.state,
    ...(u.role !== null && { role: { slug: u.role }, roles: [{ slug: u.role }] }),
    custom_attributes: u.custom_attributes,
    raw_attributes: u.raw_attributes,
    created_at: u.created_at,
    updated_at: u.updated_at,
  };
}

/** The `directory_user` object as `GET /directory_users[/<id>]` answers it, with its groups. */
export function directoryUserWithGroupsResponse(u: DirectoryUserRecord, groups: DirectoryGroupRecord[]) {
  return { ...directoryUserResponse(u), groups: groups.map(directoryGroupResponse) };
}
