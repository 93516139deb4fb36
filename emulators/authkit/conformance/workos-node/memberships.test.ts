import { GenericServerException, NotFoundException, UnprocessableEntityException, type ListOrganizationMembershipsOptions } from "@workos-inc/node";
import { describe, expect, it } from "vitest";
import { ACME, ALICE, BOB, CAROL, GLOBEX } from "../../demo-world.ts";
import { sdkError } from "../../testing/workos-node.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "test" });

const refresh = (refreshToken: string, organizationId?: string) =>
  t.post("/user_management/authenticate", {
    client_id: t.server.clientId,
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    ...(organizationId && { organization_id: organizationId }),
  });

describe("userManagement.createOrganizationMembership / getOrganizationMembership", () => {
  it("adds a user with a role, answered with the organization's name, and reads it back", async () => {
    const created = await t.workos.userManagement.createOrganizationMembership({ userId: CAROL.id, organizationId: GLOBEX.id, roleSlug: "admin" });
    expect(created).toMatchObject({
      object: "organization_membership",
      userId: CAROL.id,
      organizationId: GLOBEX.id,
      organizationName: "Globex",
      status: "active",
      role: { slug: "admin" },
      roles: [{ slug: "admin" }],
      directoryManaged: false,
      customAttributes: {},
    });
    expect(created.id).toMatch(/^om_01/);
    expect(await t.workos.userManagement.getOrganizationMembership(created.id)).toEqual(created);
    // The API answer embeds the user, as WorkOS's schema has it (the SDK leaves it out).
    const raw = await (await t.request(`/user_management/organization_memberships/${created.id}`, { headers: { Authorization: `Bearer ${t.server.apiKey}` } })).json();
    expect(raw.user).toMatchObject({ object: "user", id: CAROL.id, email: CAROL.email });
    expect(JSON.stringify(raw)).not.toMatch(/password/);
  });

  it("defaults to the member role and takes a single-entry role_slugs", async () => {
    expect((await t.workos.userManagement.createOrganizationMembership({ userId: CAROL.id, organizationId: ACME.id })).role).toEqual({ slug: "member" });
    expect((await t.workos.userManagement.createOrganizationMembership({ userId: CAROL.id, organizationId: GLOBEX.id, roleSlugs: ["admin"] })).role).toEqual({ slug: "admin" });
  });

  it("refuses an unknown role (422 invalid_role), several roles (422 multiple_roles_not_enabled), and an unknown user or organization (404)", async () => {
    const unknown = await sdkError(t.workos.userManagement.createOrganizationMembership({ userId: CAROL.id, organizationId: ACME.id, roleSlug: "owner" }));
    expect(unknown).toBeInstanceOf(UnprocessableEntityException);
    expect(unknown).toMatchObject({ code: "invalid_role" });
    const several = await sdkError(t.workos.userManagement.createOrganizationMembership({ userId: CAROL.id, organizationId: ACME.id, roleSlugs: ["admin", "member"] }));
    expect(several).toMatchObject({ status: 422, code: "multiple_roles_not_enabled" });
    expect(await sdkError(t.workos.userManagement.createOrganizationMembership({ userId: "user_nope", organizationId: ACME.id }))).toBeInstanceOf(NotFoundException);
    expect(await sdkError(t.workos.userManagement.createOrganizationMembership({ userId: CAROL.id, organizationId: "org_nope" }))).toBeInstanceOf(NotFoundException);
    expect(await sdkError(t.workos.userManagement.getOrganizationMembership("om_nope"))).toBeInstanceOf(NotFoundException);
  });

  it("accepts an organization's own role for that organization only", async () => {
    expect((await t.post("/_local/roles", { slug: "org-billing", organization_id: GLOBEX.id, permissions: ["billing:manage"] })).status).toBe(201);
    const billing = await t.workos.userManagement.createOrganizationMembership({ userId: CAROL.id, organizationId: GLOBEX.id, roleSlug: "org-billing" });
    expect(billing.role).toEqual({ slug: "org-billing" });
    const elsewhere = await sdkError(t.workos.userManagement.createOrganizationMembership({ userId: CAROL.id, organizationId: ACME.id, roleSlug: "org-billing" }));
    expect(elsewhere).toMatchObject({ code: "invalid_role" });
  });

  it("refuses a second active membership (400 organization_membership_already_exists) and reactivates an inactive one", async () => {
    const [bobAcme] = (await t.workos.userManagement.listOrganizationMemberships({ userId: BOB.id })).data;
    const duplicate = await sdkError(t.workos.userManagement.createOrganizationMembership({ userId: BOB.id, organizationId: ACME.id }));
    expect(duplicate).toBeInstanceOf(GenericServerException);
    expect(duplicate).toMatchObject({ status: 400, rawData: { code: "organization_membership_already_exists" } });
    await t.workos.userManagement.deactivateOrganizationMembership(bobAcme!.id);
    const again = await t.workos.userManagement.createOrganizationMembership({ userId: BOB.id, organizationId: ACME.id, roleSlug: "admin" });
    expect(again).toMatchObject({ id: bobAcme!.id, status: "active", role: { slug: "admin" } });
  });
});

describe("userManagement.listOrganizationMemberships", () => {
  it("lists by organization, by user, or both, active ones unless statuses says otherwise", async () => {
    const byOrg = await t.workos.userManagement.listOrganizationMemberships({ organizationId: ACME.id, order: "asc" });
    expect(byOrg.data.map((m) => m.userId)).toEqual([ALICE.id, BOB.id]);
    const byUser = await t.workos.userManagement.listOrganizationMemberships({ userId: ALICE.id, order: "asc" });
    expect(byUser.data.map((m) => m.organizationId)).toEqual([ACME.id, GLOBEX.id]);
    expect((await t.workos.userManagement.listOrganizationMemberships({ userId: ALICE.id, organizationId: GLOBEX.id })).data).toHaveLength(1);
    const bobAcme = (await t.workos.userManagement.listOrganizationMemberships({ userId: BOB.id })).data[0]!;
    await t.workos.userManagement.deactivateOrganizationMembership(bobAcme.id);
    expect((await t.workos.userManagement.listOrganizationMemberships({ organizationId: ACME.id })).data.map((m) => m.userId)).toEqual([ALICE.id]);
    const inactive = await t.workos.userManagement.listOrganizationMemberships({ organizationId: ACME.id, statuses: ["inactive"] });
    expect(inactive.data.map((m) => [m.userId, m.status])).toEqual([[BOB.id, "inactive"]]);
    const both = await t.workos.userManagement.listOrganizationMemberships({ organizationId: ACME.id, statuses: ["active", "inactive"] });
    expect(both.data).toHaveLength(2);
  });

  it("refuses a list without organization or user (400 missing_user_id_or_organization_id) and an unknown status", async () => {
    const missing = await sdkError(t.workos.userManagement.listOrganizationMemberships({} as ListOrganizationMembershipsOptions));
    expect(missing).toMatchObject({ status: 400, rawData: { code: "missing_user_id_or_organization_id" } });
    const status = await sdkError(t.workos.userManagement.listOrganizationMemberships({ userId: ALICE.id, statuses: ["gone" as "active"] }));
    expect(status).toMatchObject({ status: 400, code: "invalid_request_parameters" });
    expect(await sdkError(t.workos.userManagement.listOrganizationMemberships({ organizationId: "org_nope" }))).toBeInstanceOf(NotFoundException);
  });

  it("auto-paginates across more than one page", async () => {
    for (let i = 0; i < 101; i++) {
      const user = (await (await t.post("/_local/users", { email: `member${i}@example.com` })).json()) as { id: string };
      await t.workos.userManagement.createOrganizationMembership({ userId: user.id, organizationId: GLOBEX.id });
    }
    const all = await (await t.workos.userManagement.listOrganizationMemberships({ organizationId: GLOBEX.id })).autoPagination();
    expect(all).toHaveLength(102);
    expect(new Set(all.map((m) => m.id)).size).toBe(102);
    const page = await t.workos.userManagement.listOrganizationMemberships({ organizationId: GLOBEX.id, limit: 3 });
    expect(page.data).toHaveLength(3);
    expect(page.listMetadata.after).toBe(page.data[2]!.id);
  });
});

describe("userManagement.updateOrganizationMembership / deleteOrganizationMembership", () => {
  it("changes the role, which the next refreshed access token carries", async () => {
    const session = await t.authenticate(BOB.email);
    const bobAcme = (await t.workos.userManagement.listOrganizationMemberships({ userId: BOB.id })).data[0]!;
    const updated = await t.workos.userManagement.updateOrganizationMembership(bobAcme.id, { roleSlug: "admin" });
    expect(updated.role).toEqual({ slug: "admin" });
    const refreshed = await refresh(session.refresh_token);
    const { access_token } = (await refreshed.json()) as { access_token: string };
    const claims = JSON.parse(Buffer.from(access_token.split(".")[1]!, "base64url").toString());
    expect(claims).toMatchObject({ org_id: ACME.id, role: "admin", permissions: expect.arrayContaining(["members:manage"]) });
    expect(await sdkError(t.workos.userManagement.updateOrganizationMembership(bobAcme.id, { roleSlug: "owner" }))).toMatchObject({ code: "invalid_role" });
    expect(await sdkError(t.workos.userManagement.updateOrganizationMembership("om_nope", { roleSlug: "admin" }))).toBeInstanceOf(NotFoundException);
  });

  it("deletes a membership", async () => {
    const bobAcme = (await t.workos.userManagement.listOrganizationMemberships({ userId: BOB.id })).data[0]!;
    await t.workos.userManagement.deleteOrganizationMembership(bobAcme.id);
    expect(await sdkError(t.workos.userManagement.getOrganizationMembership(bobAcme.id))).toBeInstanceOf(NotFoundException);
    expect(await sdkError(t.workos.userManagement.deleteOrganizationMembership(bobAcme.id))).toBeInstanceOf(NotFoundException);
  });
});

describe("userManagement.deactivateOrganizationMembership / reactivateOrganizationMembership", () => {
  it("a deactivated member cannot refresh into the organization, and their session drops it; reactivated, they can again", async () => {
    const session = await t.authenticate(ALICE.email, { organization: "Acme Corp" });
    expect(session.organization_id).toBe(ACME.id);
    const aliceGlobex = (await t.workos.userManagement.listOrganizationMemberships({ userId: ALICE.id, organizationId: GLOBEX.id })).data[0]!;
    const aliceAcme = (await t.workos.userManagement.listOrganizationMemberships({ userId: ALICE.id, organizationId: ACME.id })).data[0]!;

    const deactivated = await t.workos.userManagement.deactivateOrganizationMembership(aliceGlobex.id);
    expect(deactivated.status).toBe("inactive");
    // Deactivating an inactive one is a no-op.
    expect((await t.workos.userManagement.deactivateOrganizationMembership(aliceGlobex.id)).status).toBe("inactive");
    const refused = await refresh(session.refresh_token, GLOBEX.id);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "invalid_grant" });

    await t.workos.userManagement.deactivateOrganizationMembership(aliceAcme.id);
    const dropped = await refresh(session.refresh_token);
    expect(dropped.status).toBe(200);
    const body = (await dropped.json()) as { organization_id?: string; refresh_token: string; access_token: string };
    expect(body.organization_id).toBeUndefined();
    expect(JSON.parse(Buffer.from(body.access_token.split(".")[1]!, "base64url").toString()).org_id).toBeUndefined();

    const reactivated = await t.workos.userManagement.reactivateOrganizationMembership(aliceGlobex.id);
    expect(reactivated.status).toBe("active");
    expect((await t.workos.userManagement.reactivateOrganizationMembership(aliceGlobex.id)).status).toBe("active");
    const switched = await refresh(body.refresh_token, GLOBEX.id);
    expect(switched.status).toBe(200);
    expect(await switched.json()).toMatchObject({ organization_id: GLOBEX.id });
  });

  it("a deactivated member's sign-in no longer offers that organization", async () => {
    const aliceGlobex = (await t.workos.userManagement.listOrganizationMemberships({ userId: ALICE.id, organizationId: GLOBEX.id })).data[0]!;
    await t.workos.userManagement.deactivateOrganizationMembership(aliceGlobex.id);
    // With one active organization left, Alice signs straight in to Acme (no picker).
    const session = await t.authenticate(ALICE.email);
    expect(session.organization_id).toBe(ACME.id);
    await expect(t.signIn(ALICE.email, { params: { organization_id: GLOBEX.id } })).rejects.toThrow();
  });

  it("accepting an invitation reactivates a deactivated member's membership rather than adding a second", async () => {
    const bobAcme = (await t.workos.userManagement.listOrganizationMemberships({ userId: BOB.id })).data[0]!;
    await t.workos.userManagement.deactivateOrganizationMembership(bobAcme.id);
    const invitation = await t.workos.userManagement.sendInvitation({ email: BOB.email, organizationId: ACME.id, roleSlug: "admin" });
    await t.workos.userManagement.acceptInvitation(invitation.id);
    const all = await t.workos.userManagement.listOrganizationMemberships({ userId: BOB.id, statuses: ["active", "inactive", "pending"] });
    expect(all.data.map((m) => [m.id, m.status, m.role.slug])).toEqual([[bobAcme.id, "active", "admin"]]);
  });

  it("answers 404 for an unknown membership", async () => {
    expect(await sdkError(t.workos.userManagement.deactivateOrganizationMembership("om_nope"))).toBeInstanceOf(NotFoundException);
    expect(await sdkError(t.workos.userManagement.reactivateOrganizationMembership("om_nope"))).toBeInstanceOf(NotFoundException);
  });
});
