import { randomBytes } from "node:crypto";
import { newId } from "../ids.ts";
import type { Store } from "../store.ts";
import type { DirectoryRecord, DirectoryType } from "../store/directories.ts";
import { deleteDirectoryUser } from "./directory-users.ts";

/** A new, linked directory for an organization (from the test API or the Admin Portal's dsync setup). */
export function createDirectory(
  store: Store,
  input: { organization_id: string; name: string; type: DirectoryType; domain?: string | null; id?: string },
): DirectoryRecord {
  const now = new Date().toISOString();
  return store.directories.insert({
    id: input.id ?? newId("directory"),
    organization_id: input.organization_id,
    name: input.name,
    type: input.type,
    state: "linked",
    external_key: randomBytes(12).toString("base64url"),
    domain: input.domain ?? null,
    created_at: now,
    updated_at: now,
  });
}

/**
 * Deletes a directory with its users, groups, group memberships and role assignments, in one change. Its users'
 * directory-managed memberships are deactivated, as when each user is removed. (WorkOS sends only
 * `dsync.deleted` for this, no per-user or per-group deleted events.)
 */
export function deleteDirectory(store: Store, id: string): DirectoryRecord | undefined {
  return store.atomically(() => {
    const directory = store.directories.get(id);
    if (!directory) return undefined;
    for (const user of store.directoryUsers.findBy("directory_id", id)) deleteDirectoryUser(store, user.id);
    store.directoryGroupMembers.deleteWhere((m) => m.directory_id === id);
    store.directoryRoleAssignments.deleteWhere((a) => a.directory_id === id);
    store.directoryGroups.deleteWhere((g) => g.directory_id === id);
    store.directories.delete(id);
    return directory;
  });
}
