import { describe, expect, it } from "vitest";
import { GLOBEX } from "../../demo-world.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "manual" });

describe("the roles API over HTTP", () => {
  it("answers role lists whole ({ object: list, data }), as WorkOS does", async () => {
    await t.start();
    const response = await t.request(`/organizations/${GLOBEX.id}/roles`, { headers: { Authorization: `Bearer ${t.server.apiKey}` } });
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["data", "object"]);
    expect(body.object).toBe("list");
  });

  it("keeps roles behind the API key; the test API needs none", async () => {
    await t.start();
    expect((await t.request("/authorization/roles")).status).toBe(401);
    expect((await t.request("/authorization/permissions")).status).toBe(401);
    expect((await t.post("/_local/roles", { slug: "viewer", permissions: ["notes:read"] })).status).toBe(201);
    const roles = (await (await t.request("/authorization/roles", { headers: { Authorization: `Bearer ${t.server.apiKey}` } })).json()) as { data: { slug: string }[] };
    expect(roles.data.map((r) => r.slug)).toEqual(["admin", "member", "viewer"]);
  });
});
