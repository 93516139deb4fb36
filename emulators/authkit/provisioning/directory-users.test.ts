import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULTS } from "../config.ts";
import { Store } from "../store.ts";
import type { DirectoryRecord } from "../store/directories.ts";
import { directoryGroupResponse } from "../store/directory-groups.ts";
import { directoryUserResponse } from "../store/directory-users.ts";
import { ALICE } from "../demo-world.ts";
import { createDirectory, deleteDirectory } from "./directories.ts";
import { findMembership } from "./memberships.ts";
import { createDirectoryUser, deleteDirectoryUser, DuplicateIdpIdError, updateDirectoryUser, type DirectoryUserInput } from "./directory-users.ts";

let store: Store;
let directory: DirectoryRecord;
beforeEach(async () => {
  store = await Store.open(null, DEFAULTS.seedFile);
  directory = createDirectory(store, { organization_id: "org_globex", name: "Globex Okta", type: "okta scim v2.0" });
});

const input = (o: Partial<DirectoryUserInput> = {}): DirectoryUserInput => ({
  idp_id: "idp-1",
  email: "dana@globex.test",
  first_name: "Dana",
  last_name: "Diaz",
  state: "active",
  idp_role: null,
  custom_attributes: {},
  raw_attributes: {},
  ...o,
});

// Any status (Store.membership sees active memberships only).
const membershipOf = (email: string, org = "org_globex") => {
  const user = store.userByEmail(email);
  return user && findMembership(store, user.id, org);
};

describe("directory provisioning", () => {
  it("makes an active directory user an AuthKit user with a verified email and no password, and a directory-managed member", () => {
    const du = createDirectoryUser(store, directory, input());
    const user = store.userByEmail("dana@globex.test")!;
    expect(user).toMatchObject({ email_verified: true, password_hash: null, first_name: "Dana", last_name: "Diaz" });
    expect(du.user_id).toBe(user.id);
    expect(membershipOf("dana@globex.test")).toMatchObject({ status: "active", directory_managed: true, role: "member" });
  });

  it("takes the directory's role when it is a known role slug, else member", () => {
    createDirectoryUser(store, directory, input({ idp_role: "admin" }));
    createDirectoryUser(store, directory, input({ idp_id: "idp-2", email: "eve@globex.test", idp_role: "superuser" }));
    expect(membershipOf("dana@globex.test")?.role).toBe("admin");
    expect(membershipOf("eve@globex.test")?.role).toBe("member");
  });

  it("deactivates the membership when the user is suspended or set inactive, and reactivates it when active again", () => {
    const du = createDirectoryUser(store, directory, input());
    updateDirectoryUser(store, du.id, { state: "suspended" });
    expect(membershipOf("dana@globex.test")?.status).toBe("inactive");
    updateDirectoryUser(store, du.id, { state: "active", idp_role: "admin" });
    expect(membershipOf("dana@globex.test")).toMatchObject({ status: "active", role: "admin" });
    updateDirectoryUser(store, du.id, { state: "inactive" });
    expect(membershipOf("dana@globex.test")?.status).toBe("inactive");
    expect(store.memberships.findBy("user_id", du.user_id!)).toHaveLength(1);
  });

  it("deactivates (does not delete) the membership and keeps the user when the directory user is deleted", () => {
    const du = createDirectoryUser(store, directory, input());
    deleteDirectoryUser(store, du.id);
    expect(store.directoryUsers.get(du.id)).toBeUndefined();
    expect(store.userByEmail("dana@globex.test")).toBeDefined();
    expect(membershipOf("dana@globex.test")).toMatchObject({ status: "inactive", directory_managed: true });
  });

  it("takes over an existing account and membership, and leaves memberships elsewhere alone", () => {
    // Alice is a member of Globex by hand and an admin of Acme.
    createDirectoryUser(store, directory, input({ email: ALICE.email.toUpperCase(), idp_role: "admin" }));
    const alice = store.userByEmail(ALICE.email)!;
    expect(store.users.list((u) => u.email === ALICE.email)).toHaveLength(1);
    expect(alice.password_hash).not.toBeNull();
    expect(store.membership(alice.id, "org_globex")).toMatchObject({ directory_managed: true, role: "admin", status: "active" });
    expect(store.membership(alice.id, "org_acme")).toMatchObject({ role: "admin" });
    expect(store.membership(alice.id, "org_acme")?.directory_managed).toBeFalsy();
  });

  it("provisions nothing for a directory user without an email, or one pushed inactive", () => {
    const before = store.users.list().length;
    createDirectoryUser(store, directory, input({ email: null }));
    createDirectoryUser(store, directory, input({ idp_id: "idp-2", email: "gone@globex.test", state: "inactive" }));
    expect(store.users.list()).toHaveLength(before);
  });

  it("follows a renamed email and names on the AuthKit user", () => {
    const du = createDirectoryUser(store, directory, input());
    updateDirectoryUser(store, du.id, { email: "dana.diaz@globex.test", last_name: "Díaz" });
    expect(store.user(du.user_id!)).toMatchObject({ email: "dana.diaz@globex.test", last_name: "Díaz" });
  });

  it("refuses a second user with the same idp_id in a directory, changing nothing", () => {
    createDirectoryUser(store, directory, input());
    const users = store.users.list().length;
    expect(() => createDirectoryUser(store, directory, input({ email: "other@globex.test" }))).toThrow(DuplicateIdpIdError);
    expect(store.users.list()).toHaveLength(users);
    const other = createDirectory(store, { organization_id: "org_acme", name: "Acme", type: "generic scim v2.0" });
    expect(() => createDirectoryUser(store, other, input({ email: "dana@acme.test" }))).not.toThrow();
  });

  it("deleting a directory removes its users, groups and group memberships and deactivates its memberships", () => {
    const du = createDirectoryUser(store, directory, input());
    const now = new Date().toISOString();
    const group = store.directoryGroups.insert({ id: "directory_group_x", directory_id: directory.id, organization_id: "org_globex", idp_id: "g", name: "G", raw_attributes: {}, created_at: now, updated_at: now });
    store.directoryGroupMembers.insert({
      directory_id: directory.id,
      organization_id: directory.organization_id,
      group_id: group.id,
      directory_user_id: du.id,
      user: directoryUserResponse(du),
      group: directoryGroupResponse(group),
      created_at: now,
    });
    deleteDirectory(store, directory.id);
    expect(store.directories.get(directory.id)).toBeUndefined();
    const ofIt = (r: { directory_id: string }) => r.directory_id === directory.id;
    expect(store.directoryUsers.list(ofIt)).toHaveLength(0);
    expect(store.directoryGroups.list(ofIt)).toHaveLength(0);
    expect(store.directoryGroupMembers.list(ofIt)).toHaveLength(0);
    expect(membershipOf("dana@globex.test")?.status).toBe("inactive");
  });
});
