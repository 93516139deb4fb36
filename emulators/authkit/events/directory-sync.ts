import { domainsOf } from "../provisioning/domains.ts";
import type { Store } from "../store.ts";
import type { Change } from "../store/collection.ts";
import { deletedDirectoryEventData, directoryEventData, type DirectoryRecord } from "../store/directories.ts";
import type { DirectoryGroupMemberRecord } from "../store/directory-group-members.ts";
import { directoryGroupResponse, type DirectoryGroupRecord } from "../store/directory-groups.ts";
import { directoryUserResponse, type DirectoryUserRecord } from "../store/directory-users.ts";
import type { EventDraft } from "./sources.ts";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of the wire shape that changed, with their values before (`.updated` events' `previous_attributes`). */
function previousAttributes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key !== "updated_at" && !same(before[key], after[key])) previous[key] = before[key] ?? null;
  }
  return previous;
}

/**
 * Whether a deleted user's, group's or group membership's directory is gone too: WorkOS announces a
 * directory's deletion with `dsync.deleted` alone, no deleted event per user or group. (The hooks
 * run once the change is saved, so a directory deleted in the same change is no longer there.)
 */
const directoryGone = (store: Store, directoryId: string) => !store.directories.get(directoryId);

/** `dsync.activated` when a (linked) directory is made, with its organization's domains; `dsync.deleted` when it goes. */
export function directoryEvents(change: Change<DirectoryRecord>, store: Store): EventDraft[] {
  const directory = (change.after ?? change.before)!;
  const organizationId = directory.organization_id;
  if (change.kind === "created") {
    return [{ event: "dsync.activated", data: directoryEventData(directory, domainsOf(store, organizationId)), organizationId }];
  }
  if (change.kind === "deleted") return [{ event: "dsync.deleted", data: deletedDirectoryEventData(directory), organizationId }];
  return [];
}

/** `dsync.user.created` / `.updated` (with `previous_attributes`) / `.deleted`; a change only to what the wire does not show is not announced. */
export function directoryUserEvents(change: Change<DirectoryUserRecord>, store: Store): EventDraft[] {
  const user = (change.after ?? change.before)!;
  const organizationId = user.organization_id;
  if (change.kind === "created") return [{ event: "dsync.user.created", data: directoryUserResponse(user), organizationId }];
  if (change.kind === "deleted") return directoryGone(store, user.directory_id) ? [] : [{ event: "dsync.user.deleted", data: directoryUserResponse(user), organizationId }];
  const before = directoryUserResponse(change.before!);
  const after = directoryUserResponse(change.after!);
  const previous = previousAttributes(before, after);
  return Object.keys(previous).length ? [{ event: "dsync.user.updated", data: { ...after, previous_attributes: previous }, organizationId }] : [];
}

export function directoryGroupEvents(change: Change<DirectoryGroupRecord>, store: Store): EventDraft[] {
  const group = (change.after ?? change.before)!;
  const organizationId = group.organization_id;
  if (change.kind === "created") return [{ event: "dsync.group.created", data: directoryGroupResponse(group), organizationId }];
  if (change.kind === "deleted") return directoryGone(store, group.directory_id) ? [] : [{ event: "dsync.group.deleted", data: directoryGroupResponse(group), organizationId }];
  const before = directoryGroupResponse(change.before!);
  const after = directoryGroupResponse(change.after!);
  const previous = previousAttributes(before, after);
  return Object.keys(previous).length ? [{ event: "dsync.group.updated", data: { ...after, previous_attributes: previous }, organizationId }] : [];
}

/** `dsync.group.user_added` / `.user_removed`: `{ directory_id, user, group }`, the user and group as they were when the user was added. */
export function directoryGroupMemberEvents(change: Change<DirectoryGroupMemberRecord>, store: Store): EventDraft[] {
  const member = (change.after ?? change.before)!;
  const data = { directory_id: member.directory_id, user: member.user, group: member.group };
  if (change.kind === "created") return [{ event: "dsync.group.user_added", data, organizationId: member.organization_id }];
  if (change.kind === "deleted") return directoryGone(store, member.directory_id) ? [] : [{ event: "dsync.group.user_removed", data, organizationId: member.organization_id }];
  return [];
}
