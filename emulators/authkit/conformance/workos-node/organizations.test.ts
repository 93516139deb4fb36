import { DomainDataState, GenericServerException, NotFoundException, UnauthorizedException, UnprocessableEntityException, type ListOrganizationsOptions } from "@workos-inc/node";
import { describe, expect, it } from "vitest";
import { ACME, ACME_DOMAIN, CAROL, GLOBEX } from "../../demo-world.ts";
import { workosNode, sdkError } from "../../testing/workos-node.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "test" });

/** SDK 8.13 does not type `search`, but sends every option it is given as a query parameter. */
const search = (text: string) => ({ search: text }) as ListOrganizationsOptions;

describe("organizations.createOrganization / getOrganization / getOrganizationByExternalId", () => {
  it("creates an organization with pending and verified domains, an external id and metadata, and reads it back by id and external id", async () => {
    const created = await t.workos.organizations.createOrganization({
      name: "Initech",
      domainData: [
        { domain: "initech.test", state: DomainDataState.Verified },
        { domain: "Initrode.TEST", state: DomainDataState.Pending },
      ],
      externalId: "our-org-1",
      metadata: { tier: "gold" },
    });
    expect(created).toMatchObject({ object: "organization", name: "Initech", externalId: "our-org-1", metadata: { tier: "gold" } });
    expect(created.id).toMatch(/^org_01/);
    expect(created.domains.map((d) => [d.domain, d.state, d.verificationStrategy, d.organizationId])).toEqual([
      ["initech.test", "verified", "manual", created.id],
      ["initrode.test", "pending", "manual", created.id],
    ]);
    expect(created.domains[0]!.id).toMatch(/^org_domain_01/);
    expect(await t.workos.organizations.getOrganization(created.id)).toEqual(created);
    expect(await t.workos.organizations.getOrganizationByExternalId("our-org-1")).toEqual(created);
  });

  it("answers the seeded Acme with its verified domain acme.test", async () => {
    const acme = await t.workos.organizations.getOrganization(ACME.id);
    expect(acme.domains).toEqual([expect.objectContaining({ id: ACME_DOMAIN.id, domain: "acme.test", state: "verified" })]);
  });

  it("refuses a domain another organization holds, verified or pending, with WorkOS's 409 message", async () => {
    const conflict = await sdkError(t.workos.organizations.createOrganization({ name: "Fake Acme", domainData: [{ domain: "acme.test", state: DomainDataState.Pending }] }));
    expect(conflict).toMatchObject({ name: "ConflictException", status: 409, message: "An Organization with the domain acme.test already exists." });
    await t.workos.organizations.createOrganization({ name: "Hooli", domainData: [{ domain: "hooli.test", state: DomainDataState.Pending }] });
    const pending = await sdkError(t.workos.organizations.createOrganization({ name: "Hooli 2", domainData: [{ domain: "HOOLI.test", state: DomainDataState.Verified }] }));
    expect(pending).toMatchObject({ status: 409, message: "An Organization with the domain hooli.test already exists." });
    // Nothing of a refused create is kept.
    expect((await t.workos.organizations.listOrganizations(search("Fake Acme"))).data).toEqual([]);
  });

  it("refuses a second organization with the same external id (400 external_id_already_used)", async () => {
    await t.workos.organizations.createOrganization({ name: "One", externalId: "dup" });
    const error = await sdkError(t.workos.organizations.createOrganization({ name: "Two", externalId: "dup" }));
    expect(error).toBeInstanceOf(GenericServerException);
    expect(error).toMatchObject({ status: 400, rawData: { code: "external_id_already_used" } });
  });

  it("refuses metadata beyond WorkOS's limits (400 invalid_metadata) and bodies of the wrong shape (422 naming the field)", async () => {
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    for (const metadata of [tooMany, { ["k".repeat(41)]: "v" }, { k: "v".repeat(601) }]) {
      const error = await sdkError(t.workos.organizations.createOrganization({ name: "Meta", metadata }));
      expect(error).toMatchObject({ status: 400, rawData: { code: "invalid_metadata" } });
    }
    const nameless = await sdkError(t.workos.organizations.createOrganization({ name: "" }));
    expect(nameless).toBeInstanceOf(UnprocessableEntityException);
    expect(nameless).toMatchObject({ code: "invalid_request_parameters" });
    const badState = await sdkError(t.workos.organizations.createOrganization({ name: "X", domainData: [{ domain: "x.test", state: "unverified" as DomainDataState }] }));
    expect(badState).toBeInstanceOf(UnprocessableEntityException);
    const badDomain = await sdkError(t.workos.organizations.createOrganization({ name: "X", domainData: [{ domain: "not a domain", state: DomainDataState.Verified }] }));
    expect(badDomain).toBeInstanceOf(UnprocessableEntityException);
  });

  it("answers NotFoundException for an unknown id or external id, and UnauthorizedException for a wrong key", async () => {
    expect(await sdkError(t.workos.organizations.getOrganization("org_nope"))).toBeInstanceOf(NotFoundException);
    expect(await sdkError(t.workos.organizations.getOrganizationByExternalId("nope"))).toBeInstanceOf(NotFoundException);
    expect(await sdkError(workosNode(t, `sk_test_${"x".repeat(24)}`).organizations.listOrganizations())).toBeInstanceOf(UnauthorizedException);
  });
});

describe("events of these changes", () => {
  it("organization.created carries the domains created with it; organization_membership.created the organization's name and no user", async () => {
    const org = await t.workos.organizations.createOrganization({ name: "Initech", domainData: [{ domain: "initech.test", state: DomainDataState.Verified }] });
    await t.workos.userManagement.createOrganizationMembership({ userId: CAROL.id, organizationId: org.id });
    const created = await t.workos.events.listEvents({ events: ["organization.created"], organizationId: org.id });
    expect(created.data.map((e) => e.data)).toEqual([expect.objectContaining({ id: org.id, domains: [expect.objectContaining({ domain: "initech.test", state: "verified" })] })]);
    const joined = await t.request(`/events?events=organization_membership.created&organization_id=${org.id}`, { headers: { Authorization: `Bearer ${t.server.apiKey}` } });
    const [event] = ((await joined.json()) as { data: { data: Record<string, unknown> }[] }).data;
    expect(event!.data).toMatchObject({ object: "organization_membership", user_id: CAROL.id, organization_name: "Initech", status: "active", role: { slug: "member" } });
    expect(event!.data).not.toHaveProperty("user");
  });
});

describe("organizations.listOrganizations", () => {
  it("filters by comma-joined domains and by a part of the name, newest first", async () => {
    const initech = await t.workos.organizations.createOrganization({ name: "Initech", domainData: [{ domain: "initech.test", state: DomainDataState.Pending }] });
    const list = await t.workos.organizations.listOrganizations({ domains: ["acme.test", "initech.test"] });
    expect(list.data.map((o) => o.id)).toEqual([initech.id, ACME.id]);
    expect((await t.workos.organizations.listOrganizations(search("glob"))).data.map((o) => o.id)).toEqual([GLOBEX.id]);
    expect((await t.workos.organizations.listOrganizations({ domains: ["nobody.test"] })).data).toEqual([]);
  });

  it("pages with limit/after/before and auto-paginates across more than one page", async () => {
    for (let i = 0; i < 103; i++) await t.workos.organizations.createOrganization({ name: `Org ${String(i).padStart(3, "0")}` });
    const first = await t.workos.organizations.listOrganizations({ limit: 2, order: "asc" });
    expect(first.data.map((o) => o.id)).toEqual([ACME.id, GLOBEX.id]);
    expect(first.listMetadata).toEqual({ before: null, after: GLOBEX.id });
    const second = await t.workos.organizations.listOrganizations({ limit: 2, order: "asc", after: GLOBEX.id });
    expect(second.data.map((o) => o.name)).toEqual(["Org 000", "Org 001"]);
    const back = await t.workos.organizations.listOrganizations({ limit: 2, order: "asc", before: second.data[0]!.id });
    expect(back.data.map((o) => o.id)).toEqual([ACME.id, GLOBEX.id]);
    const all = await (await t.workos.organizations.listOrganizations()).autoPagination();
    expect(all).toHaveLength(105);
    expect(new Set(all.map((o) => o.id)).size).toBe(105);
    expect(all[0]!.name).toBe("Org 102");
    expect(await sdkError(t.workos.organizations.listOrganizations({ limit: 101 }))).toBeInstanceOf(UnprocessableEntityException);
  });
});

describe("organizations.updateOrganization / deleteOrganization", () => {
  it("updates the name, metadata and external id, and replaces the domains with domain_data", async () => {
    const org = await t.workos.organizations.createOrganization({ name: "Initech", domainData: [{ domain: "initech.test", state: DomainDataState.Pending }] });
    const updated = await t.workos.organizations.updateOrganization({
      organization: org.id,
      name: "Initech Inc",
      metadata: { plan: "pro" },
      externalId: "ext-9",
      domainData: [
        { domain: "initech.test", state: DomainDataState.Verified },
        { domain: "initech-two.test", state: DomainDataState.Pending },
      ],
    });
    expect(updated).toMatchObject({ name: "Initech Inc", metadata: { plan: "pro" }, externalId: "ext-9" });
    expect(updated.domains.map((d) => [d.domain, d.state])).toEqual([
      ["initech.test", "verified"],
      ["initech-two.test", "pending"],
    ]);
    // The kept domain is the same record, now verified.
    expect(updated.domains[0]!.id).toBe(org.domains[0]!.id);
    const fewer = await t.workos.organizations.updateOrganization({ organization: org.id, domainData: [{ domain: "initech-two.test", state: DomainDataState.Pending }] });
    expect(fewer.domains.map((d) => d.domain)).toEqual(["initech-two.test"]);
    // Another organization may now have the domain Initech let go.
    await t.workos.organizations.createOrganization({ name: "Heir", domainData: [{ domain: "initech.test", state: DomainDataState.Verified }] });
  });

  it("refuses an update to another organization's domain (409) or external id (400), changing nothing", async () => {
    await t.workos.organizations.updateOrganization({ organization: GLOBEX.id, externalId: "globex" });
    const conflict = await sdkError(t.workos.organizations.updateOrganization({ organization: GLOBEX.id, name: "Renamed", domainData: [{ domain: "acme.test", state: DomainDataState.Verified }] }));
    expect(conflict).toMatchObject({ status: 409, message: "An Organization with the domain acme.test already exists." });
    const taken = await sdkError(t.workos.organizations.updateOrganization({ organization: ACME.id, externalId: "globex" }));
    expect(taken).toMatchObject({ status: 400, rawData: { code: "external_id_already_used" } });
    expect((await t.workos.organizations.getOrganization(GLOBEX.id)).name).toBe("Globex");
    expect(await sdkError(t.workos.organizations.updateOrganization({ organization: "org_nope", name: "X" }))).toBeInstanceOf(NotFoundException);
  });

  it("deletes an organization with its domains and memberships", async () => {
    await t.workos.organizations.deleteOrganization(ACME.id);
    expect(await sdkError(t.workos.organizations.getOrganization(ACME.id))).toBeInstanceOf(NotFoundException);
    expect((await t.workos.organizations.listOrganizations({ domains: ["acme.test"] })).data).toEqual([]);
    const bob = await t.workos.userManagement.listUsers({ email: "bob@example.com" });
    const memberships = await t.workos.userManagement.listOrganizationMemberships({ userId: bob.data[0]!.id, statuses: ["active", "inactive", "pending"] });
    expect(memberships.data).toEqual([]);
    // Its domain is free again.
    await t.workos.organizations.createOrganization({ name: "New Acme", domainData: [{ domain: "acme.test", state: DomainDataState.Verified }] });
    expect(await sdkError(t.workos.organizations.deleteOrganization(ACME.id))).toBeInstanceOf(NotFoundException);
  });
});

describe("organizationDomains", () => {
  it("creates a pending DNS domain with a verification token, verifies it, and deletes it", async () => {
    const domain = await t.workos.organizationDomains.create({ organizationId: GLOBEX.id, domain: "globex.test" });
    expect(domain).toMatchObject({ object: "organization_domain", organizationId: GLOBEX.id, domain: "globex.test", state: "pending", verificationStrategy: "dns" });
    expect(domain.verificationToken).toEqual(expect.any(String));
    expect(domain.verificationPrefix).toEqual(expect.any(String));
    const verified = await t.workos.organizationDomains.verify(domain.id);
    expect(verified.state).toBe("verified");
    const again = await sdkError(t.workos.organizationDomains.verify(domain.id));
    expect(again).toMatchObject({ status: 400, rawData: { code: "domain_already_verified" } });
    expect((await t.workos.organizations.getOrganization(GLOBEX.id)).domains.map((d) => d.id)).toEqual([domain.id]);
    await t.workos.organizationDomains.delete(domain.id);
    expect(await sdkError(t.workos.organizationDomains.get(domain.id))).toBeInstanceOf(NotFoundException);
  });

  it("refuses a domain that is held already (409)", async () => {
    const error = await sdkError(t.workos.organizationDomains.create({ organizationId: GLOBEX.id, domain: "acme.test" }));
    expect(error).toMatchObject({ status: 409 });
    expect(await sdkError(t.workos.organizationDomains.create({ organizationId: "org_nope", domain: "x.test" }))).toBeInstanceOf(NotFoundException);
  });
});
