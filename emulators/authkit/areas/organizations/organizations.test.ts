import { afterEach, describe, expect, it } from "vitest";
import { ACME_DOMAIN } from "../../demo-world.ts";
import { startTestAuthKit, type TestAuthKit } from "../../testing/start.ts";

let t: TestAuthKit | undefined;
afterEach(async () => {
  await t?.server.close();
  t = undefined;
});

const bearer = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });

describe("GET /organizations/<id> (Organizations API)", () => {
  it("answers the organization object to a caller with the API key", async () => {
    t = await startTestAuthKit();
    const response = await t.request("/organizations/org_acme", bearer(t.server.apiKey));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      object: "organization",
      id: "org_acme",
      name: "Acme Corp",
      domains: [
        expect.objectContaining({ object: "organization_domain", id: ACME_DOMAIN.id, organization_id: "org_acme", domain: "acme.test", state: "verified", verification_strategy: "manual" }),
      ],
      external_id: null,
      metadata: {},
    });
  });

  it("finds organizations created through the test API too", async () => {
    t = await startTestAuthKit();
    const created = (await (await t.post("/_local/organizations", { name: "Initech", id: "org_initech" })).json()) as { id: string };
    const response = await t.request(`/organizations/${created.id}`, bearer(t.server.apiKey));
    expect(await response.json()).toMatchObject({ id: "org_initech", name: "Initech" });
  });

  it("answers 401 without the key, with a wrong key, or with the key in another scheme", async () => {
    t = await startTestAuthKit();
    for (const init of [{}, bearer(`sk_test_${"wrong".repeat(4)}`), bearer(`${t.server.apiKey}x`), { headers: { Authorization: `Basic ${t.server.apiKey}` } }]) {
      const response = await t.request("/organizations/org_acme", init);
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(body).toEqual({ message: expect.stringMatching(/^Unauthorized: send the API key as `Authorization: Bearer sk_test_…`/), code: "unauthorized" });
      expect(JSON.stringify(body)).not.toContain("Acme");
    }
  });

  it("answers 404 with WorkOS's entity_not_found for an unknown organization", async () => {
    t = await startTestAuthKit();
    const response = await t.request("/organizations/org_nope", bearer(t.server.apiKey));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      message: "Organization not found: 'org_nope'.",
      code: "entity_not_found",
      entity_id: "org_nope",
    });
  });

  it("takes a given key, and prints the key it uses at start", async () => {
    const apiKey = `sk_test_${"0123456789".repeat(2)}`;
    t = await startTestAuthKit({ apiKey });
    expect(t.server.apiKey).toBe(apiKey);
    expect(t.logs.some((line) => line.includes(apiKey))).toBe(true);
    expect((await t.request("/organizations/org_acme", bearer(apiKey))).status).toBe(200);
  });
});
