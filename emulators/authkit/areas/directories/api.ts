import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { invalidField, notFound } from "../../http/errors.ts";
import { listPage, listParams } from "../../http/list.ts";
import { deleteDirectory } from "../../provisioning/directories.ts";
import type { Store } from "../../store.ts";
import { directoryResponse, type DirectoryRecord } from "../../store/directories.ts";
import { directoryGroupResponse, type DirectoryGroupRecord } from "../../store/directory-groups.ts";
import { directoryUserWithGroupsResponse, type DirectoryUserRecord } from "../../store/directory-users.ts";

const query = (c: Ctx, name: string) => c.req.query(name) || undefined;

function directoryOr404(store: Store, id: string): DirectoryRecord {
  const directory = store.directories.get(id);
  if (!directory) throw notFound("Directory", id);
  return directory;
}

export function groupsOf(store: Store, directoryUserId: string): DirectoryGroupRecord[] {
  const ids = new Set(store.directoryGroupMembers.findBy("directory_user_id", directoryUserId).map((m) => m.group_id));
  return store.directoryGroups.list((g) => ids.has(g.id));
}

export function userWithGroups(store: Store, user: DirectoryUserRecord) {
  return directoryUserWithGroupsResponse(user, groupsOf(store, user.id));
}

/**
 * GET /directories: `organization_id`, `search` (a case-insensitive part of the name) and the
 * deprecated `domain` filter. An `organization_id` that names no organization is a 422 (WorkOS's
 * spec lists "Organization not found" under 403 and 422; the stricter, field-naming one is taken).
 */
export function listDirectories(c: Ctx): Response {
  const { store } = c.var.app;
  const params = listParams(c);
  const organizationId = query(c, "organization_id");
  const search = query(c, "search")?.toLowerCase();
  const domain = query(c, "domain")?.toLowerCase();
  if (organizationId && !store.organization(organizationId)) {
    throw invalidField("organization_id", `Organization not found: '${organizationId}'.`, "not_found");
  }
  const records = (organizationId ? store.directories.findBy("organization_id", organizationId) : store.directories.list()).filter(
    (d) => (!search || d.name.toLowerCase().includes(search)) && (!domain || d.domain?.toLowerCase() === domain),
  );
  return c.json(listPage(records, params, directoryResponse));
}

export function getDirectory(c: Ctx): Response {
  return c.json(directoryResponse(directoryOr404(c.var.app.store, c.req.param("id")!)));
}

/** DELETE /directories/<id>: 202, as WorkOS deletes directories in the background (here at once, with its users and groups). */
export function removeDirectory(c: Ctx): Response {
  const id = c.req.param("id")!;
  const { store } = c.var.app;
  directoryOr404(store, id);
  deleteDirectory(store, id);
  note(c, `deleted ${id}`);
  return c.body(null, 202);
}

/**
 * GET /directory_users: `directory` or `group` (at least one; both narrow together), and `idp_id` /
 * `email` which, as WorkOS documents, need `directory`. Each user comes with its groups.
 */
export function listDirectoryUsers(c: Ctx): Response {
  const { store } = c.var.app;
  const params = listParams(c);
  const directoryId = query(c, "directory");
  const groupId = query(c, "group");
  const idpId = query(c, "idp_id");
  const email = query(c, "email")?.trim().toLowerCase();
  if (!directoryId && !groupId) throw invalidField("directory", "Pass `directory` or `group`.", "required");
  if ((idpId || email) && !directoryId) throw invalidField("directory", "`idp_id` and `email` filter the users of a `directory`: pass it too.", "required");
  if (directoryId) directoryOr404(store, directoryId);
  let members: Set<string> | undefined;
  if (groupId) {
    if (!store.directoryGroups.get(groupId)) throw notFound("DirectoryGroup", groupId);
    members = new Set(store.directoryGroupMembers.findBy("group_id", groupId).map((m) => m.directory_user_id));
  }
  const records = store.directoryUsers.list(
    (u) =>
      (!directoryId || u.directory_id === directoryId) &&
      (!members || members.has(u.id)) &&
      (!idpId || u.idp_id === idpId) &&
      (!email || u.email?.toLowerCase() === email),
  );
  return c.json(listPage(records, params, (u) => userWithGroups(store, u)));
}

export function getDirectoryUser(c: Ctx): Response {
  const id = c.req.param("id")!;
  const { store } = c.var.app;
  const user = store.directoryUsers.get(id);
  if (!user) throw notFound("DirectoryUser", id);
  return c.json(userWithGroups(store, user));
}

/** GET /directory_groups: `directory` or `user` (at least one; both narrow together). */
export function listDirectoryGroups(c: Ctx): Response {
  const { store } = c.var.app;
  const params = listParams(c);
  const directoryId = query(c, "directory");
  const userId = query(c, "user");
  if (!directoryId && !userId) throw invalidField("directory", "Pass `directory` or `user`.", "required");
  if (directoryId) directoryOr404(store, directoryId);
  let groups: Set<string> | undefined;
  if (userId) {
    if (!store.directoryUsers.get(userId)) throw notFound("DirectoryUser", userId);
    groups = new Set(groupsOf(store, userId).map((g) => g.id));
  }
  const records = store.directoryGroups.list((g) => (!directoryId || g.directory_id === directoryId) && (!groups || groups.has(g.id)));
  return c.json(listPage(records, params, directoryGroupResponse));
}

export function getDirectoryGroup(c: Ctx): Response {
  const id = c.req.param("id")!;
  const group = c.var.app.store.directoryGroups.get(id);
  if (!group) throw notFound("DirectoryGroup", id);
  return c.json(directoryGroupResponse(group));
}
