import { describe, expect, it } from "vitest";
import { ACME_DOMAIN } from "../../demo-world.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "manual" });

const bearer = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });

describe("GET /organizations/<id> (Organizations API)", () => {
  it("answers the organization object to a caller with the API key", async () => {
    await t.start();
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
    await t.start();
    const created = (await (await t.post("/_local/organizations", { name: "Initech", id: "org_initech" })).json()) as { id: string };
    const response = await t.request(`/organizations/${created.id}`, bearer(t.server.apiKey));
    expect(await response.json()).toMatchObject({ id: "org_initech", name: "Initech" });
  });

  it("answers 401 without the key, with a wrong key, or with the key in another scheme", async () => {
    await t.start();
    for (const init of [{}, bearer(`sk_test_${"wrong".repeat(4)}`), bearer(`${t.server.apiKey}x`), { headers: { Authorization: `Basic ${t.server.apiKey}` } }]) {
      const response = await t.request("/organizations/org_acme", init);
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(body).toEqual({ message: expect.stringMatching(/^Unauthorized: send the API key as `Authorization: Bearer sk_test_…`/), code: "unauthorized" });
      expect(JSON.stringify(body)).not.toContain("Acme");
    }
  });

  it("answers 404 with WorkOS's entity_not_found for an unknown organization", async () => {
    await t.start();
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
    await t.start({ apiKey });
    expect(t.server.apiKey).toBe(apiKey);
    expect(t.logs.some((line) => line.includes(apiKey))).toBe(true);
    expect((await t.request("/organizations/org_acme", bearer(apiKey))).status).toBe(200);
  });
});

describe("the Organizations API over HTTP: what the SDK never sends", () => {
  const json = (key: string, method: string, body: string, type = "application/json") => ({
    method,
    headers: { Authorization: `Bearer ${key}`, "Content-Type": type },
    body,
  });

  it("answers 400 for a malformed JSON body and 422 naming a field of the wrong type or unknown, keeping nothing", async () => {
    await t.start();
    const key = t.server.apiKey;
    const broken = await t.request("/organizations", json(key, "POST", "{ not json"));
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: "invalid_request" });
    for (const [body, field] of [
      [{ name: 42 }, "name"],
      [{ name: "X", domain_data: "acme.test" }, "domain_data"],
      [{ name: "X", domain_data: [{ domain: "x.test" }] }, "domain_data[0].state"],
      [{ name: "X", external_id: { id: 1 } }, "external_id"],
      [{ name: "X", external_id: "é" }, "external_id"],
      [{ name: "X", domains: ["x.test"] }, "domains"],
      [{ name: "X", nmae: "typo" }, "nmae"],
    ] as const) {
      const response = await t.request("/organizations", json(key, "POST", JSON.stringify(body)));
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(await response.json()).toMatchObject({ code: "invalid_request_parameters", errors: [{ field }] });
    }
    const list = (await (await t.request("/organizations", bearer(key))).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(2);
  });

  it("answers 405 for a known path with another method, 404 for an unknown path, both WorkOS-shaped", async () => {
    await t.start();
    const patch = await t.request("/organizations/org_acme", { method: "PATCH", headers: { Authorization: `Bearer ${t.server.apiKey}` } });
    expect(patch.status).toBe(405);
    expect(await patch.json()).toMatchObject({ code: "method_not_allowed", message: expect.any(String) });
    const unknown = await t.request("/organizations/org_acme/nothing", bearer(t.server.apiKey));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "not_found", message: expect.any(String) });
  });

  it("answers 401 on every Organizations route without the key, before reading the body", async () => {
    await t.start();
    for (const [method, path] of [
      ["GET", "/organizations"],
      ["POST", "/organizations"],
      ["PUT", "/organizations/org_acme"],
      ["DELETE", "/organizations/org_acme"],
      ["GET", "/organizations/external_id/x"],
      ["POST", "/organization_domains"],
    ]) {
      const response = await t.request(path!, { method, headers: { "Content-Type": "application/json" }, body: method === "GET" ? undefined : "{ not json" });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
    expect((await t.request("/organizations/org_acme", bearer(t.server.apiKey))).status).toBe(200);
  });
});
