import { newId } from "../ids.ts";
import type { Store } from "../store.ts";
import type { DirectoryRecord } from "../store/directories.ts";
import { userIdpKey, type DirectoryUserRecord } from "../store/directory-users.ts";
import { membershipStatus, type MembershipRecord } from "../store/memberships.ts";
import { normalizeEmail } from "../store/users.ts";
import { directoryUserRole } from "./directory-roles.ts";
import { addMembership, deactivateMembership, DEFAULT_ROLE, findMembership, roleFor } from "./memberships.ts";

/** What an identity provider pushes about one of its users (SCIM, here through the test API); `role` is WorkOS's, computed. */
export type DirectoryUserInput = Required<
  Pick<DirectoryUserRecord, "idp_id" | "email" | "first_name" | "last_name" | "state" | "idp_role" | "custom_attributes" | "raw_attributes">
>;

/** Another directory user of the same directory already has this `idp_id`. */
export class DuplicateIdpIdError extends Error {}

/**
 * Directory provisioning, as WorkOS does it for AuthKit: an active directory user with an email is
 * an AuthKit user (created with a verified email when there is none for the address, as the
 * directory vouches for it) with an active, `directory_managed` membership of the directory's
 * organization, carrying the directory user's `custom_attributes`. Its role is the directory
 * user's role (directory-roles.ts: from its groups' role assignments) when that names a role of
 * the environment or the organization; otherwise an existing membership keeps its role and a new
 * one is `member`. An existing membership
 * made by hand is taken over (it becomes directory-managed): the directory is the source of truth.
 *
 * A directory user that is suspended, inactive or deleted has its directory-managed membership
 * deactivated, never deleted: WorkOS documents deactivation as the way to revoke access while
 * keeping a member's resources, and the AuthKit user is kept. A membership not managed by the
 * directory is left alone. A directory user without an email provisions nothing.
 *
 * Runs inside the caller's atomic change, so the directory user and its membership are saved together.
 */
export function syncDirectoryUser(store: Store, directoryUser: DirectoryUserRecord): void {
  const role = directoryUserRole(store, directoryUser);
  // The directory user's own `role` first (its `dsync.user.updated`), then the membership's.
  const user = role === directoryUser.role ? directoryUser : store.directoryUsers.update(directoryUser.id, { role });
  if (user.state === "active" && user.email) provision(store, user, user.email);
  else deprovision(store, user);
}

/**
 * Gives directory users the role their groups now map to, and their memberships with it: after a
 * group membership or a role assignment changed. One atomic change, as WorkOS applies it.
 */
export function refreshDirectoryUsers(store: Store, directoryUserIds: Iterable<string>): void {
  store.atomically(() => {
    for (const id of new Set(directoryUserIds)) {
      const user = store.directoryUsers.get(id);
      if (user) syncDirectoryUser(store, user);
    }
  });
}

function provision(store: Store, du: DirectoryUserRecord, email: string): void {
  let user = du.user_id ? store.user(du.user_id) : undefined;
  if (user && user.email !== normalizeEmail(email) && !store.userByEmail(email)) {
    // The directory renamed the address: the AuthKit user follows, unless another account has it.
    user = store.users.update(user.id, { email: normalizeEmail(email) });
  }
  user ??= store.userByEmail(email);
  user ??= store.createUser({ email, passwordHash: null, firstName: du.first_name, lastName: du.last_name, emailVerified: true });
  const names = { first_name: du.first_name ?? user.first_name, last_name: du.last_name ?? user.last_name };
  if (names.first_name !== user.first_name || names.last_name !== user.last_name) store.users.update(user.id, names);
  if (du.user_id !== user.id) store.directoryUsers.update(du.id, { user_id: user.id });

  const known = du.role !== null && roleFor(store, du.organization_id, du.role) ? du.role : null;
  const customAttributes = du.custom_attributes;
  // Any status: an inactive (deprovisioned) or pending (invited) membership is the one to bring back.
  const existing = findMembership(store, user.id, du.organization_id);
  if (!existing) {
    addMembership(store, { userId: user.id, organizationId: du.organization_id, roleSlug: known ?? DEFAULT_ROLE, directoryManaged: true, customAttributes });
    return;
  }
  // The directory vouches for the member: a pending invitation's membership becomes active too.
  const wanted: Partial<MembershipRecord> = { status: "active", directory_managed: true, role: known ?? existing.role, custom_attributes: customAttributes };
  const current: Partial<MembershipRecord> = {
    status: membershipStatus(existing),
    directory_managed: existing.directory_managed ?? false,
    role: existing.role,
    custom_attributes: existing.custom_attributes ?? {},
  };
  if (JSON.stringify(current) !== JSON.stringify(wanted)) store.memberships.update(existing.id, wanted);
}

function deprovision(store: Store, du: DirectoryUserRecord): void {
  const membership = du.user_id ? findMembership(store, du.user_id, du.organization_id) : undefined;
  if (membership?.directory_managed && membershipStatus(membership) === "active") deactivateMembership(store, membership.id);
}

/** A new directory user of `directory`, provisioned. */
export function createDirectoryUser(store: Store, directory: DirectoryRecord, input: DirectoryUserInput): DirectoryUserRecord {
  return store.atomically(() => {
    if (store.directoryUsers.find("idp_id", userIdpKey(directory.id, input.idp_id))) {
      throw new DuplicateIdpIdError(`Directory ${directory.id} already has a user with idp_id "${input.idp_id}".`);
    }
    const now = new Date().toISOString();
    const draft: DirectoryUserRecord = {
      id: newId("directory_user"),
      directory_id: directory.id,
      organization_id: directory.organization_id,
      ...input,
      role: null,
      user_id: null,
      created_at: now,
      updated_at: now,
    };
    // Its role before it is saved, so `dsync.user.created` carries it (a new user is in no group yet).
    const record = store.directoryUsers.insert({ ...draft, role: directoryUserRole(store, draft) });
    syncDirectoryUser(store, record);
    return store.directoryUsers.get(record.id)!;
  });
}

/** Changes a directory user (a SCIM PUT/PATCH) and provisions or deprovisions accordingly. */
export function updateDirectoryUser(store: Store, id: string, changes: Partial<DirectoryUserInput>): DirectoryUserRecord {
  return store.atomically(() => {
    const current = store.directoryUsers.get(id);
    if (!current) throw new Error(`No directory user ${id}`);
    if (changes.idp_id !== undefined && changes.idp_id !== current.idp_id) {
      if (store.directoryUsers.find("idp_id", userIdpKey(current.directory_id, changes.idp_id))) {
        throw new DuplicateIdpIdError(`Directory ${current.directory_id} already has a user with idp_id "${changes.idp_id}".`);
      }
    }
    // The new role in the same update, so one `dsync.user.updated` says all that changed.
    const role = directoryUserRole(store, { ...current, ...changes });
    const updated = store.directoryUsers.update(id, { ...changes, role });
    syncDirectoryUser(store, updated);
    return store.directoryUsers.get(id)!;
  });
}

/** Removes a directory user (and its group memberships); its directory-managed membership is deactivated. */
export function deleteDirectoryUser(store: Store, id: string): DirectoryUserRecord | undefined {
  return store.atomically(() => {
    const record = store.directoryUsers.get(id);
    if (!record) return undefined;
    store.directoryGroupMembers.deleteWhere((m) => m.directory_user_id === id);
    store.directoryUsers.delete(id);
    deprovision(store, record);
    return record;
  });
}
