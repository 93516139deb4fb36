import { describe, expect, it } from "vitest";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ resetBeforeEach: true });

const api = (path: string, init: RequestInit = {}) => t.request(path, { ...init, headers: { Authorization: `Bearer ${t.server.apiKey}`, ...init.headers } });
const put = (path: string, body: unknown) => t.request(path, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

describe("POST /_local/connections", () => {
  it("makes an active GenericSAML connection named after the organization by default", async () => {
    const response = await t.post("/_local/connections", { organization_id: "org_globex" });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      object: "connection",
      id: expect.stringMatching(/^conn_/),
      organization_id: "org_globex",
      name: "Globex SSO",
      connection_type: "GenericSAML",
      state: "active",
      domains: [],
    });
  });

  it.each([
    [{ organization_id: "org_nope" }, 404, "entity_not_found"],
    [{ organization_id: "org_acme", connection_type: "MadeUpSAML" }, 422, "invalid_request_parameters"],
    [{ organization_id: "org_acme", state: "on" }, 422, "invalid_request_parameters"],
    [{ organization_id: "org_acme", domains: ["not a domain"] }, 422, "invalid_request_parameters"],
    [{ organization_id: "org_acme", domains: [1] }, 400, "invalid_request"],
    [{ organization_id: "org_acme", name: 5 }, 400, "invalid_request"],
    [{ organization_id: "org_acme", id: "nope" }, 422, "invalid_request_parameters"],
    [{}, 400, "invalid_request"],
  ])("refuses %o with %i %s", async (body, status, code) => {
    const response = await t.post("/_local/connections", body);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code });
  });

  it("names the field at fault in a 422", async () => {
    const response = await t.post("/_local/connections", { organization_id: "org_acme", state: "on" });
    expect(await response.json()).toMatchObject({ errors: [{ field: "state", code: "invalid" }] });
  });

  it("refuses a second connection with the same id", async () => {
    expect((await t.post("/_local/connections", { organization_id: "org_acme", id: "conn_acme" })).status).toBe(201);
    expect((await t.post("/_local/connections", { organization_id: "org_acme", id: "conn_acme" })).status).toBe(422);
  });
});

describe("PUT /_local/connections/<id>", () => {
  it("changes the state, and refuses an unknown state or connection", async () => {
    await t.post("/_local/connections", { organization_id: "org_acme", id: "conn_acme", state: "draft" });
    const response = await put("/_local/connections/conn_acme", { state: "active" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ state: "active" });
    expect((await put("/_local/connections/conn_acme", { state: "enabled" })).status).toBe(422);
    expect((await put("/_local/connections/conn_nope", { state: "active" })).status).toBe(404);
  });
});

describe("the SSO API", () => {
  it("needs the API key", async () => {
    expect((await t.request("/connections")).status).toBe(401);
  });

  it("searches connection names, case folded", async () => {
    await t.post("/_local/connections", { organization_id: "org_acme", name: "Acme Okta" });
    await t.post("/_local/connections", { organization_id: "org_globex", name: "Globex Entra" });
    const body = (await (await api("/connections?search=ENTRA")).json()) as { data: { name: string }[] };
    expect(body.data.map((c) => c.name)).toEqual(["Globex Entra"]);
    const okta = (await (await api("/connections?search=okta")).json()) as { data: { name: string }[] };
    expect(okta.data.map((c) => c.name)).toEqual(["Acme Okta", "Acme Corp Okta"]);
  });

  it("answers 404 entity_not_found for an unknown connection, and 405 for a method it does not take", async () => {
    const response = await api("/connections/conn_nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "Connection not found: 'conn_nope'.", code: "entity_not_found", entity_id: "conn_nope" });
    expect((await api("/connections/conn_nope", { method: "PUT" })).status).toBe(405);
  });

  it("deletes with 204 and forgets the connection's SSO profiles, keeping the users", async () => {
    await t.post("/_local/connections", { organization_id: "org_acme", id: "conn_acme", domains: ["acme.test"] });
    const deleted = await api("/connections/conn_acme", { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    expect((await api("/connections/conn_acme")).status).toBe(404);
  });

  it("refuses a cursor that is not in the list", async () => {
    const response = await api("/connections?after=conn_nope");
    expect(response.status).toBe(422);
  });
});
