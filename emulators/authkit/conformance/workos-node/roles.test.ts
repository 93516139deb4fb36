import { NotFoundException } from "@workos-inc/node";
import { describe, expect, it } from "vitest";
import { ACME, ADMIN_ROLE, GLOBEX, MEMBER_ROLE } from "../../demo-world.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "test" });

describe("authorization: the environment's roles and permissions (from the seed)", () => {
  it("lists the environment roles in priority order, and reads one", async () => {
    const roles = await t.workos.authorization.listEnvironmentRoles();
    expect(roles.data.map((r) => [r.slug, r.name, r.permissions, r.type])).toEqual([
      [ADMIN_ROLE.slug, ADMIN_ROLE.name, ADMIN_ROLE.permissions, "EnvironmentRole"],
      [MEMBER_ROLE.slug, MEMBER_ROLE.name, MEMBER_ROLE.permissions, "EnvironmentRole"],
    ]);
    expect(roles.data[0]).toMatchObject({ object: "role", id: expect.stringMatching(/^role_/), resourceTypeSlug: "organization" });
    expect(await t.workos.authorization.getEnvironmentRole("member")).toEqual(roles.data[1]);
    await expect(t.workos.authorization.getEnvironmentRole("owner")).rejects.toBeInstanceOf(NotFoundException);
  });

  it("lists the permissions the roles grant, paginated, and reads one", async () => {
    const all = await t.workos.authorization.listPermissions();
    expect(all.data.map((p) => p.slug).sort()).toEqual([...ADMIN_ROLE.permissions].sort());
    const page = await t.workos.authorization.listPermissions({ limit: 2, order: "asc" });
    expect(page.data.map((p) => p.slug)).toEqual(["notes:read", "notes:write"]);
    expect(page.listMetadata.after).toBe(page.data[1]!.id);
    const next = await t.workos.authorization.listPermissions({ limit: 2, order: "asc", after: page.listMetadata.after! });
    expect(next.data.map((p) => p.slug)).toEqual(["notes:delete", "members:manage"]);
    expect(await t.workos.authorization.getPermission("notes:read")).toMatchObject({ object: "permission", slug: "notes:read", system: false });
    await expect(t.workos.authorization.getPermission("nope")).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe("organization roles", () => {
  it("organizations.listOrganizationRoles answers the environment's roles, then the organization's own", async () => {
    expect((await t.post("/_local/roles", { slug: "org-auditor", name: "Auditor", organization_id: GLOBEX.id, permissions: ["notes:read"] })).status).toBe(201);
    const globex = await t.workos.organizations.listOrganizationRoles({ organizationId: GLOBEX.id });
    expect(globex.data.map((r) => [r.slug, r.type])).toEqual([
      ["admin", "EnvironmentRole"],
      ["member", "EnvironmentRole"],
      ["org-auditor", "OrganizationRole"],
    ]);
    const acme = await t.workos.organizations.listOrganizationRoles({ organizationId: ACME.id });
    expect(acme.data.map((r) => r.slug)).toEqual(["admin", "member"]);
    await expect(t.workos.organizations.listOrganizationRoles({ organizationId: "org_nope" })).rejects.toBeInstanceOf(NotFoundException);
  });

  it("authorization.listOrganizationRoles and getOrganizationRole answer the same", async () => {
    await t.post("/_local/roles", { slug: "org-auditor", organization_id: GLOBEX.id });
    const roles = await t.workos.authorization.listOrganizationRoles(GLOBEX.id);
    expect(roles.data.map((r) => r.slug)).toEqual(["admin", "member", "org-auditor"]);
    expect(await t.workos.authorization.getOrganizationRole(GLOBEX.id, "org-auditor")).toMatchObject({ slug: "org-auditor", type: "OrganizationRole" });
    await expect(t.workos.authorization.getOrganizationRole(ACME.id, "org-auditor")).rejects.toBeInstanceOf(NotFoundException);
  });

  it("the test API refuses a role slug taken in the same place", async () => {
    expect((await t.post("/_local/roles", { slug: "admin" })).status).toBe(409);
    expect((await t.post("/_local/roles", { slug: "admin", organization_id: GLOBEX.id })).status).toBe(201);
    expect((await t.post("/_local/roles", { slug: "Bad Slug" })).status).toBe(422);
  });
});
