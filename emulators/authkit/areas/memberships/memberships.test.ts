import { describe, expect, it } from "vitest";
import { ACME, BOB, CAROL } from "../../demo-world.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "manual" });

const BASE = "/user_management/organization_memberships";

describe("the organization memberships API over HTTP", () => {
  it("takes statuses comma-joined (as the SDK sends) or repeated", async () => {
    await t.start();
    const auth = { headers: { Authorization: `Bearer ${t.server.apiKey}` } };
    const created = (await (await t.request(BASE, { method: "POST", headers: { ...auth.headers, "Content-Type": "application/json" }, body: JSON.stringify({ user_id: CAROL.id, organization_id: ACME.id }) })).json()) as { id: string };
    await t.request(`${BASE}/${created.id}/deactivate`, { method: "PUT", ...auth });
    const count = async (query: string) => ((await (await t.request(`${BASE}?organization_id=${ACME.id}&${query}`, auth)).json()) as { data: unknown[] }).data.length;
    expect(await count("")).toBe(2);
    expect(await count("statuses=inactive")).toBe(1);
    expect(await count("statuses=active,inactive")).toBe(3);
    expect(await count("statuses[]=active&statuses[]=inactive")).toBe(3);
  });

  it("refuses a create body with a missing or mistyped field (422 naming it), or both role_slug and role_slugs", async () => {
    await t.start();
    const post = (body: unknown) =>
      t.request(BASE, { method: "POST", headers: { Authorization: `Bearer ${t.server.apiKey}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
    for (const [body, field] of [
      [{ organization_id: ACME.id }, "user_id"],
      [{ user_id: CAROL.id }, "organization_id"],
      [{ user_id: CAROL.id, organization_id: ACME.id, role_slug: 1 }, "role_slug"],
      [{ user_id: CAROL.id, organization_id: ACME.id, role_slugs: "admin" }, "role_slugs"],
      [{ user_id: CAROL.id, organization_id: ACME.id, role_slug: "admin", role_slugs: ["admin"] }, "role_slugs"],
    ] as const) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(await response.json()).toMatchObject({ code: "invalid_request_parameters", errors: [{ field }] });
    }
    const bad = await post({ user_id: CAROL.id, organization_id: ACME.id, role_slug: "owner" });
    expect(await bad.json()).toMatchObject({ code: "invalid_role", role_slug: "owner" });
  });

  it("answers 405 for another method on a membership and 401 without the key", async () => {
    await t.start();
    expect((await t.request(`${BASE}?user_id=${BOB.id}`)).status).toBe(401);
    expect((await t.request(`${BASE}/om_x/deactivate`, { method: "POST", headers: { Authorization: `Bearer ${t.server.apiKey}` } })).status).toBe(405);
  });
});
