import { describe, expect, it } from "vitest";
import { GLOBEX_DIRECTORY, GLOBEX_MANAGERS_GROUP } from "../../demo-world.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "manual" });

const send = (method: string, path: string, body?: unknown) =>
  t.request(path, { method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
const api = (path: string) => t.request(path, { headers: { Authorization: `Bearer ${t.server.apiKey}` } });

async function globexDirectory(): Promise<string> {
  const response = await t.post("/_local/directories", { organization_id: "org_globex" });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe("the directory test API (an identity provider's pushes)", () => {
  it("creates a linked generic SCIM directory named after the organization", async () => {
    await t.start();
    const response = await t.post("/_local/directories", { organization_id: "org_globex" });
    expect(await response.json()).toMatchObject({ object: "directory", organization_id: "org_globex", name: "Globex directory", type: "generic scim v2.0", state: "linked" });
  });

  it("refuses unknown organizations, types, states, roles and malformed fields, naming the field", async () => {
    await t.start();
    expect((await t.post("/_local/directories", { organization_id: "org_nope" })).status).toBe(404);
    const badType = await t.post("/_local/directories", { organization_id: "org_globex", type: "ldap" });
    expect(badType.status).toBe(422);
    expect(await badType.json()).toMatchObject({ code: "invalid_request_parameters", errors: [{ field: "type" }] });
    expect((await t.post("/_local/directories", { organization_id: 7 })).status).toBe(400);
    const id = await globexDirectory();
    for (const [body, field] of [
      [{ email: "x@globex.test", state: "deleted" }, "state"],
      [{ email: "not-an-email" }, "email"],
      [{ email: "x@globex.test", role: 5 }, "role"],
      [{ email: "x@globex.test", custom_attributes: [1] }, "custom_attributes"],
    ] as const) {
      const response = await t.post(`/_local/directories/${id}/users`, body);
      expect(response.status).toBe(422);
      expect(((await response.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe(field);
    }
    expect((await t.post(`/_local/directories/${id}/users`, { email: ["a@b.c"] })).status).toBe(400);
    expect((await send("POST", `/_local/directories/${id}/users`, "not json{")).status).toBe(400);
    expect((await t.post("/_local/directories/directory_nope/users", { email: "x@globex.test" })).status).toBe(404);
  });

  it("answers 409 for a second user or group with the same idp_id", async () => {
    await t.start();
    const id = await globexDirectory();
    expect((await t.post(`/_local/directories/${id}/users`, { idp_id: "u1", email: "a@globex.test" })).status).toBe(201);
    expect((await t.post(`/_local/directories/${id}/users`, { idp_id: "u1", email: "b@globex.test" })).status).toBe(409);
    expect((await t.post(`/_local/directories/${id}/groups`, { idp_id: "g1", name: "A" })).status).toBe(201);
    expect((await t.post(`/_local/directories/${id}/groups`, { idp_id: "g1", name: "B" })).status).toBe(409);
  });

  it("updates and removes users and groups, and adds and removes group members", async () => {
    await t.start();
    const id = await globexDirectory();
    const user = (await (await t.post(`/_local/directories/${id}/users`, { email: "a@globex.test", first_name: "Ann" })).json()) as { id: string };
    const group = (await (await t.post(`/_local/directories/${id}/groups`, { name: "Eng" })).json()) as { id: string };
    const added = await t.post(`/_local/directories/${id}/groups/${group.id}/users`, { directory_user_id: user.id });
    expect(added.status).toBe(201);
    expect(((await added.json()) as { groups: { id: string }[] }).groups.map((g) => g.id)).toEqual([group.id]);
    expect((await t.post(`/_local/directories/${id}/groups/${group.id}/users`, { directory_user_id: user.id })).status).toBe(200);

    const updated = await send("PUT", `/_local/directories/${id}/users/${user.id}`, { state: "suspended", last_name: "Ames" });
    expect(await updated.json()).toMatchObject({ state: "suspended", first_name: "Ann", last_name: "Ames" });
    expect(await (await send("PUT", `/_local/directories/${id}/groups/${group.id}`, { name: "Engineering" })).json()).toMatchObject({ name: "Engineering" });

    expect((await send("DELETE", `/_local/directories/${id}/groups/${group.id}/users/${user.id}`)).status).toBe(200);
    expect((await send("DELETE", `/_local/directories/${id}/groups/${group.id}/users/${user.id}`)).status).toBe(404);
    expect((await send("DELETE", `/_local/directories/${id}/groups/${group.id}`)).status).toBe(204);
    expect((await api(`/directory_groups/${group.id}`)).status).toBe(404);
    expect((await send("DELETE", `/_local/directories/${id}/users/${user.id}`)).status).toBe(204);
    expect((await api(`/directory_users/${user.id}`)).status).toBe(404);
  });

  it("keeps directories, users and groups across a restart, and forgets them on reset", async () => {
    await t.start({ dataDir: t.dataDir });
    const id = await globexDirectory();
    const user = (await (await t.post(`/_local/directories/${id}/users`, { email: "a@globex.test" })).json()) as { id: string };
    await t.server.close();
    await t.start({ dataDir: t.dataDir });
    expect(await (await api(`/directory_users/${user.id}`)).json()).toMatchObject({ id: user.id, email: "a@globex.test", directory_id: id });
    await t.post("/_local/reset", {});
    expect((await api(`/directories/${id}`)).status).toBe(404);
  });

  it("keeps the directory API behind the API key", async () => {
    await t.start();
    expect((await t.request("/directories")).status).toBe(401);
    expect((await t.request("/directory_users?directory=x")).status).toBe(401);
  });
});

describe("the demo world's directory", () => {
  it("has Globex's SCIM directory from the start, ready for pushes", async () => {
    await t.start();
    const list = (await (await api("/directories?organization_id=org_globex")).json()) as { data: { id: string; name: string }[] };
    expect(list.data).toEqual([expect.objectContaining({ id: GLOBEX_DIRECTORY.id, name: "Globex SCIM", state: "linked" })]);
    expect((await t.post(`/_local/directories/${GLOBEX_DIRECTORY.id}/users`, { email: "dana@globex.test" })).status).toBe(201);
  });

  it("maps its Engineering Managers group to admin: a user added to it becomes an admin of Globex, and a member again when taken out", async () => {
    await t.start();
    const pushed = (await (await t.post(`/_local/directories/${GLOBEX_DIRECTORY.id}/users`, { email: "erin@globex.test" })).json()) as { id: string };
    const group = `/_local/directories/${GLOBEX_DIRECTORY.id}/groups/${GLOBEX_MANAGERS_GROUP.id}/users`;
    const membershipRole = async () => {
      const users = (await (await api("/user_management/users?email=erin@globex.test")).json()) as { data: { id: string }[] };
      const list = (await (await api(`/user_management/organization_memberships?user_id=${users.data[0]!.id}&organization_id=org_globex`)).json()) as { data: { role: { slug: string } }[] };
      return list.data[0]!.role.slug;
    };
    expect(await membershipRole()).toBe("member");
    expect((await t.post(group, { directory_user_id: pushed.id })).status).toBe(201);
    expect(((await (await api(`/directory_users/${pushed.id}`)).json()) as { role: { slug: string } }).role).toEqual({ slug: "admin" });
    expect(await membershipRole()).toBe("admin");
    expect((await send("DELETE", `${group}/${pushed.id}`)).status).toBe(200);
    expect(await membershipRole()).toBe("member");
  });
});
