import { NotFoundException, UnauthorizedException, UnprocessableEntityException } from "@workos-inc/node";
import { describe, expect, it } from "vitest";
import { workosNode, sdkError } from "../../testing/workos-node.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit();

async function push<T>(path: string, body: unknown): Promise<T> {
  const response = await t.post(path, body);
  if (response.status !== 201) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const directory = (organization_id: string, name?: string, extra: Record<string, unknown> = {}) =>
  push<{ id: string }>("/_local/directories", { organization_id, name, ...extra });
const directoryUser = (directoryId: string, body: Record<string, unknown>) => push<{ id: string }>(`/_local/directories/${directoryId}/users`, body);
const group = (directoryId: string, name: string) => push<{ id: string }>(`/_local/directories/${directoryId}/groups`, { name });
const addToGroup = (directoryId: string, groupId: string, userId: string) =>
  push<unknown>(`/_local/directories/${directoryId}/groups/${groupId}/users`, { directory_user_id: userId });

const setGroupRole = (directoryId: string, groupId: string, role: string | null) =>
  t.request(`/_local/directories/${directoryId}/groups/${groupId}/role`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ role }) });
const removeFromGroup = (directoryId: string, groupId: string, userId: string) => t.request(`/_local/directories/${directoryId}/groups/${groupId}/users/${userId}`, { method: "DELETE" });

describe("role assignment from directory groups, read through @workos-inc/node", () => {
  it("gives a directory user, and their membership, the highest-priority role of their mapped groups, else the default role", async () => {
    const { id: organizationId } = (await (await t.post("/_local/organizations", { name: "Roles Co" })).json()) as { id: string };
    // An organization's own role, added after the environment's admin and member: the lowest priority.
    expect((await t.post("/_local/roles", { slug: "viewer", permissions: ["notes:read"], organization_id: organizationId })).status).toBe(201);
    const dir = await directory(organizationId, "Roles SCIM");
    const managers = await group(dir.id, "Engineering Managers");
    const viewers = await group(dir.id, "Viewers");
    const engineers = await group(dir.id, "Engineers");
    expect((await setGroupRole(dir.id, managers.id, "admin")).status).toBe(200);
    expect((await setGroupRole(dir.id, viewers.id, { slug: "viewer" } as never)).status).toBe(200);
    const ivy = await directoryUser(dir.id, { email: "ivy@roles.test", first_name: "Ivy" });
    const workos = t.workos;
    const roleOf = async () => {
      const user = await workos.directorySync.getUser(ivy.id);
      const [membership] = (await workos.userManagement.listOrganizationMemberships({ organizationId })).data;
      return { directoryUser: user.role?.slug, roles: user.roles?.map((r) => r.slug), membership: membership?.role.slug, directoryManaged: membership?.directoryManaged };
    };

    expect(await roleOf()).toEqual({ directoryUser: "member", roles: ["member"], membership: "member", directoryManaged: true });
    await addToGroup(dir.id, viewers.id, ivy.id);
    expect(await roleOf()).toMatchObject({ directoryUser: "viewer", membership: "viewer" });
    await addToGroup(dir.id, managers.id, ivy.id);
    expect(await roleOf()).toMatchObject({ directoryUser: "admin", roles: ["admin"], membership: "admin" });
    await addToGroup(dir.id, engineers.id, ivy.id);
    expect(await roleOf()).toMatchObject({ directoryUser: "admin", membership: "admin" });
    expect((await removeFromGroup(dir.id, managers.id, ivy.id)).status).toBe(200);
    expect(await roleOf()).toMatchObject({ directoryUser: "viewer", membership: "viewer" });
    // A changed assignment applies to the group's members at once; a removed one leaves the default role.
    await setGroupRole(dir.id, engineers.id, "admin");
    expect(await roleOf()).toMatchObject({ directoryUser: "admin", membership: "admin" });
    expect((await setGroupRole(dir.id, engineers.id, null)).status).toBe(204);
    expect((await setGroupRole(dir.id, viewers.id, null)).status).toBe(204);
    expect(await roleOf()).toMatchObject({ directoryUser: "member", membership: "member" });

    const listed = (await (await t.request(`/_local/directories/${dir.id}/role_assignments`)).json()) as { data: unknown[] };
    expect(listed.data).toEqual([expect.objectContaining({ group_id: managers.id, group_name: "Engineering Managers", role: { slug: "admin" } })]);
  });

  it("announces a role change as dsync.user.updated (previous_attributes) then organization_membership.updated", async () => {
    const { id: organizationId } = (await (await t.post("/_local/organizations", { name: "Role Events Co" })).json()) as { id: string };
    const dir = await directory(organizationId, "Role Events SCIM");
    const admins = await group(dir.id, "Admins");
    await setGroupRole(dir.id, admins.id, "admin");
    const jo = await directoryUser(dir.id, { email: "jo@role-events.test" });
    await addToGroup(dir.id, admins.id, jo.id);
    const { data } = await t.workos.events.listEvents({
      events: ["dsync.user.created", "dsync.user.updated", "dsync.group.user_added", "organization_membership.created", "organization_membership.updated"],
      organizationId,
      order: "asc",
    });
    expect(data.map((e) => e.event)).toEqual(["dsync.user.created", "organization_membership.created", "dsync.group.user_added", "dsync.user.updated", "organization_membership.updated"]);
    expect(data[0]!.data).toMatchObject({ role: { slug: "member" } });
    expect(data[3]!.data).toMatchObject({ id: jo.id, role: { slug: "admin" }, roles: [{ slug: "admin" }], previousAttributes: { role: { slug: "member" }, roles: [{ slug: "member" }] } });
    expect(data[4]!.data).toMatchObject({ organizationId, role: { slug: "admin" }, directoryManaged: true, status: "active" });
  });

  it("refuses an assignment to a role that does not exist, and a body without `role`", async () => {
    const dir = await directory("org_acme", "Refusing SCIM");
    const g = await group(dir.id, "Wizards");
    const unknown = await setGroupRole(dir.id, g.id, "wizard");
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ code: "invalid_role" });
    const missing = await t.request(`/_local/directories/${dir.id}/groups/${g.id}/role`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(missing.status).toBe(422);
  });
});

describe("@workos-inc/node directorySync against the Local AuthKit", () => {
  it("gets a directory as the SDK reads it (linked is active)", async () => {
    const created = await directory("org_acme", "Acme Okta", { type: "okta scim v2.0", domain: "acme.test" });
    const found = await t.workos.directorySync.getDirectory(created.id);
    expect(found).toEqual({
      object: "directory",
      id: created.id,
      domain: "acme.test",
      externalKey: expect.any(String),
      name: "Acme Okta",
      organizationId: "org_acme",
      state: "active",
      type: "okta scim v2.0",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it("lists directories by organization, search and domain, and pages through them", async () => {
    const { organizationId } = await t.post("/_local/organizations", { name: "Paging Co" }).then(async (r) => ({ organizationId: ((await r.json()) as { id: string }).id }));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await directory(organizationId, `Paging ${i}`, { domain: i === 3 ? "three.test" : undefined })).id);
    const workos = t.workos;
    const page = await workos.directorySync.listDirectories({ organizationId, limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.listMetadata.after).not.toBeNull();
    const rest = await workos.directorySync.listDirectories({ organizationId, limit: 3, after: page.listMetadata.after });
    expect([...page.data, ...rest.data].map((d) => d.id)).toEqual([...ids].reverse());
    expect(rest.listMetadata.after).toBeNull();
    expect((await (await workos.directorySync.listDirectories({ organizationId })).autoPagination()).map((d) => d.id).sort()).toEqual([...ids].sort());
    expect((await workos.directorySync.listDirectories({ organizationId, search: "paging 2" })).data.map((d) => d.id)).toEqual([ids[2]]);
    const byDomain = await t.request("/directories?domain=three.test", { headers: { Authorization: `Bearer ${t.server.apiKey}` } });
    expect(((await byDomain.json()) as { data: { id: string }[] }).data.map((d) => d.id)).toEqual([ids[3]]);
  });

  it("answers an unknown organization filter with 422 and unknown ids with 404", async () => {
    const workos = t.workos;
    const error = await sdkError(workos.directorySync.listDirectories({ organizationId: "org_nope" }));
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    await expect(workos.directorySync.getDirectory("directory_nope")).rejects.toBeInstanceOf(NotFoundException);
    await expect(workos.directorySync.deleteDirectory("directory_nope")).rejects.toBeInstanceOf(NotFoundException);
    await expect(workos.directorySync.getUser("directory_user_nope")).rejects.toBeInstanceOf(NotFoundException);
    await expect(workos.directorySync.getGroup("directory_group_nope")).rejects.toBeInstanceOf(NotFoundException);
    await expect(workos.directorySync.listUsers({ directory: "directory_nope" })).rejects.toBeInstanceOf(NotFoundException);
    await expect(workos.directorySync.listGroups({ user: "directory_user_nope" })).rejects.toBeInstanceOf(NotFoundException);
  });

  it("requires a directory or group for users, a directory or user for groups", async () => {
    const workos = t.workos;
    const users = await sdkError(workos.directorySync.listUsers({}));
    expect(users).toBeInstanceOf(UnprocessableEntityException);
    expect((users as UnprocessableEntityException).code).toBe("invalid_request_parameters");
    await expect(workos.directorySync.listGroups({})).rejects.toBeInstanceOf(UnprocessableEntityException);
  });

  it("refuses a wrong API key", async () => {
    await expect(workosNode(t, `sk_test_${"x".repeat(24)}`).directorySync.listDirectories()).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it("reads directory users with their groups, role and attributes, and groups by user", async () => {
    const dir = await directory("org_globex", "Globex SCIM");
    const engineers = await group(dir.id, "Engineers");
    const admins = await group(dir.id, "Admins");
    const dana = await directoryUser(dir.id, {
      idp_id: "okta-dana",
      email: "Dana@Globex.test",
      first_name: "Dana",
      last_name: "Diaz",
      role: "admin",
      custom_attributes: { department: "Engineering" },
      raw_attributes: { title: "Engineer" },
    });
    await addToGroup(dir.id, engineers.id, dana.id);
    await addToGroup(dir.id, admins.id, dana.id);
    const workos = t.workos;
    const user = await workos.directorySync.getUser(dana.id);
    expect(user).toMatchObject({
      object: "directory_user",
      id: dana.id,
      directoryId: dir.id,
      organizationId: "org_globex",
      idpId: "okta-dana",
      email: "dana@globex.test",
      firstName: "Dana",
      lastName: "Diaz",
      state: "active",
      role: { slug: "admin" },
      customAttributes: { department: "Engineering" },
      rawAttributes: { title: "Engineer" },
    });
    expect(user.groups.map((g) => g.name)).toEqual(["Engineers", "Admins"]);
    expect(user.groups[0]).toEqual({
      id: engineers.id,
      idpId: expect.any(String),
      directoryId: dir.id,
      organizationId: "org_globex",
      name: "Engineers",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      rawAttributes: {},
    });
    expect((await workos.directorySync.listGroups({ user: dana.id })).data.map((g) => g.id)).toEqual([admins.id, engineers.id]);
    expect((await workos.directorySync.listUsers({ group: admins.id })).data.map((u) => u.id)).toEqual([dana.id]);
    expect(await workos.directorySync.getGroup(engineers.id)).toMatchObject({ id: engineers.id, name: "Engineers", directoryId: dir.id });
  });

  // autoPagination pages 100 at a time (and returns only the first page when a limit was passed): 101 records make two pages.
  it("pages through a directory's users and groups with autoPagination, and by hand with a limit", async () => {
    const dir = await directory("org_acme", "Big directory");
    const userIds: string[] = [];
    const groupIds: string[] = [];
    for (let i = 0; i < 101; i++) userIds.push((await directoryUser(dir.id, { email: `person${i}@acme.test` })).id);
    for (let i = 0; i < 101; i++) groupIds.push((await group(dir.id, `Group ${i}`)).id);
    const workos = t.workos;
    const users = await workos.directorySync.listUsers({ directory: dir.id });
    expect(users.data).toHaveLength(10);
    expect((await users.autoPagination()).map((u) => u.id).sort()).toEqual([...userIds].sort());
    const groups = await workos.directorySync.listGroups({ directory: dir.id });
    expect((await groups.autoPagination()).map((g) => g.id).sort()).toEqual([...groupIds].sort());
    const first = await workos.directorySync.listUsers({ directory: dir.id, limit: 3, order: "asc" });
    expect(first.data.map((u) => u.id)).toEqual(userIds.slice(0, 3));
    const second = await workos.directorySync.listUsers({ directory: dir.id, limit: 3, order: "asc", after: first.listMetadata.after });
    expect(second.data.map((u) => u.id)).toEqual(userIds.slice(3, 6));
    const newest = await workos.directorySync.listGroups({ directory: dir.id, limit: 2 });
    expect(newest.data.map((g) => g.id)).toEqual([groupIds[100], groupIds[99]]);
  });

  it("deletes a directory with its users and groups", async () => {
    const dir = await directory("org_acme", "Short-lived");
    const erin = await directoryUser(dir.id, { email: "erin@acme.test" });
    const g = await group(dir.id, "Temp");
    const workos = t.workos;
    await workos.directorySync.deleteDirectory(dir.id);
    await expect(workos.directorySync.getDirectory(dir.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(workos.directorySync.getUser(erin.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(workos.directorySync.getGroup(g.id)).rejects.toBeInstanceOf(NotFoundException);
  });

  it("announces directory, user, group and group membership changes as dsync events the SDK reads", async () => {
    const { id: organizationId } = (await (await t.post("/_local/organizations", { name: "Events Co" })).json()) as { id: string };
    const domain = await t.request("/organization_domains", {
      method: "POST",
      headers: { Authorization: `Bearer ${t.server.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ organization_id: organizationId, domain: "events.test" }),
    });
    expect(domain.status).toBe(201);
    const dir = await directory(organizationId, "Events SCIM");
    const user = await directoryUser(dir.id, { email: "ivy@events.test", first_name: "Ivy" });
    const g = await group(dir.id, "Ops");
    await addToGroup(dir.id, g.id, user.id);
    const put = (path: string, body: unknown) => t.request(path, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect((await put(`/_local/directories/${dir.id}/users/${user.id}`, { first_name: "Ivy-May" })).status).toBe(200);
    expect((await t.request(`/_local/directories/${dir.id}/groups/${g.id}/users/${user.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await t.request(`/_local/directories/${dir.id}/users/${user.id}`, { method: "DELETE" })).status).toBe(204);
    // Deleted with its directory: WorkOS announces only dsync.deleted, not these.
    const doomed = await directoryUser(dir.id, { email: "jo@events.test" });
    await addToGroup(dir.id, g.id, doomed.id);
    await t.workos.directorySync.deleteDirectory(dir.id);
    const { data } = await t.workos.events.listEvents({
      events: ["dsync.activated", "dsync.deleted", "dsync.user.created", "dsync.user.updated", "dsync.user.deleted", "dsync.group.created", "dsync.group.deleted", "dsync.group.user_added", "dsync.group.user_removed", "organization_membership.created", "organization_membership.updated"],
      organizationId,
      limit: 100,
    });
    expect(data.map((e) => e.event)).toEqual([
      "dsync.activated",
      "dsync.user.created",
      "organization_membership.created",
      "dsync.group.created",
      "dsync.group.user_added",
      "dsync.user.updated",
      "dsync.group.user_removed",
      "dsync.user.deleted",
      "organization_membership.updated",
      "dsync.user.created",
      "organization_membership.created",
      "dsync.group.user_added",
      "organization_membership.updated",
      "dsync.deleted",
    ]);
    // The first of each name.
    const byName = Object.fromEntries(data.reverse().map((e) => [e.event, e.data as unknown as Record<string, unknown>]));
    expect(byName["dsync.activated"]).toMatchObject({ object: "directory", id: dir.id, state: "active", organizationId, domains: [{ object: "organization_domain", domain: "events.test" }] });
    expect(byName["dsync.user.updated"]).toMatchObject({ id: user.id, firstName: "Ivy-May", previousAttributes: { first_name: "Ivy" } });
    expect(byName["dsync.group.user_added"]).toMatchObject({ directoryId: dir.id, user: { id: user.id, email: "ivy@events.test" }, group: { id: g.id, name: "Ops" } });
    expect(byName["organization_membership.created"]).toMatchObject({ organizationId, status: "active", directoryManaged: true });
    expect(byName["organization_membership.updated"]).toMatchObject({ organizationId, status: "inactive", directoryManaged: true });
    expect(byName["dsync.deleted"]).toMatchObject({ id: dir.id, organizationId });
  });
});
