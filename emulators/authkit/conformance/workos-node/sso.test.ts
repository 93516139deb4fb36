import { NotFoundException, UnauthorizedException, UnprocessableEntityException } from "@workos-inc/node";
import { describe, expect, it } from "vitest";
import { ACME_SSO } from "../../demo-world.ts";
import { workosNode } from "../../testing/workos-node.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ resetBeforeEach: true });

async function connection(body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await t.post("/_local/connections", body);
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

describe("@workos-inc/node sso against the Local AuthKit", () => {
  it("gets a connection as the SDK deserializes it", async () => {
    const { id } = await connection({ organization_id: "org_globex", name: "Globex Okta", connection_type: "OktaSAML", domains: ["Globex.test"] });
    const got = await t.workos.sso.getConnection(id);
    expect(got).toEqual({
      object: "connection",
      id,
      organizationId: "org_globex",
      name: "Globex Okta",
      type: "OktaSAML",
      state: "active",
      domains: [{ object: "connection_domain", id: expect.stringMatching(/^conn_domain_/), domain: "globex.test" }],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it("lists connections filtered by organization, type and domain (the demo world has Acme's)", async () => {
    const globex = await connection({ organization_id: "org_globex", connection_type: "AzureSAML", domains: ["globex.test"], state: "draft" });
    const generic = await connection({ organization_id: "org_globex", domains: ["globex.example"] });
    const sso = t.workos.sso;
    const ids = async (options: Parameters<typeof sso.listConnections>[0]) => (await sso.listConnections(options)).data.map((c) => c.id);
    expect(await ids({ organizationId: "org_globex" })).toEqual([generic.id, globex.id]);
    expect(await ids({ organizationId: "org_acme" })).toEqual([ACME_SSO.id]);
    expect(await ids({ connectionType: "AzureSAML" as never })).toEqual([globex.id]);
    expect(await ids({ domain: "GLOBEX.test" })).toEqual([globex.id]);
    expect(await ids({ domain: "acme.test" })).toEqual([ACME_SSO.id]);
    expect(await ids({ domain: "nowhere.test" })).toEqual([]);
    expect(await ids({})).toEqual([generic.id, globex.id, ACME_SSO.id]);
    expect(await ids({ order: "asc" })).toEqual([ACME_SSO.id, globex.id, generic.id]);
  });

  it("pages through more than one page with autoPagination (the SDK asks for 100 at a time)", async () => {
    const made: string[] = [];
    for (let i = 0; i < 103; i++) made.push((await connection({ organization_id: "org_globex", name: `Conn ${i}`, state: "draft" })).id);
    const sso = t.workos.sso;
    const first = await sso.listConnections({ organizationId: "org_globex", limit: 2 });
    expect(first.data.map((c) => c.id)).toEqual([made[102], made[101]]);
    const next = await sso.listConnections({ organizationId: "org_globex", limit: 2, after: first.listMetadata.after! });
    expect(next.data.map((c) => c.id)).toEqual([made[100], made[99]]);
    const all = await (await sso.listConnections({ organizationId: "org_globex" })).autoPagination();
    expect(all.map((c) => c.id)).toEqual([...made].reverse());
  });

  it("deletes a connection; getting or deleting it again is a 404 NotFoundException", async () => {
    const { id } = await connection({ organization_id: "org_acme" });
    const sso = t.workos.sso;
    await sso.deleteConnection(id);
    await expect(sso.getConnection(id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(sso.deleteConnection(id)).rejects.toMatchObject({ status: 404 });
  });

  it("refuses a bad page size with UnprocessableEntityException and a wrong key with UnauthorizedException", async () => {
    await expect(t.workos.sso.listConnections({ limit: 1000 })).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(workosNode(t, `sk_test_${"y".repeat(24)}`).sso.listConnections()).rejects.toBeInstanceOf(UnauthorizedException);
  });
});
