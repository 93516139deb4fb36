import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AREAS } from "../server.ts";
import { routeTable } from "./routes.ts";
import { useTestAuthKit } from "../testing/use-test-authkit.ts";

/**
 * Every route the areas register, sent what no client should send: bodies of the wrong shape, the
 * wrong types in every position, ids that name nothing or try to escape. Each must be answered
 * with a client error (or a success where the input happens to be acceptable), never a 5xx, and
 * the data file must stay readable.
 */
const t = useTestAuthKit({ onDisk: true });

const HOSTILE_IDS = ["nope", "..%2F..%2Fdata.json", "%00", "x".repeat(3000), "__proto__", "constructor"];
const HOSTILE_BODIES: (string | undefined)[] = [
  undefined,
  "",
  "{",
  "[]",
  "null",
  "42",
  '"text"',
  JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: {} } }),
  JSON.stringify(
    Object.fromEntries(
      ["name", "email", "organization_id", "user_id", "role_slug", "domain_data", "metadata", "events", "endpoint_url", "intent", "state", "password", "expires_in_days", "limit"].map(
        (field) => [field, { $gt: "" }],
      ),
    ),
  ),
  JSON.stringify({ name: ["a"], email: 7, organization_id: null, domain_data: "acme.test", metadata: [1, 2], events: "user.created", expires_in_days: "seven", role_slugs: [{}], limit: -1 }),
  JSON.stringify({ name: "x".repeat(60_000) }),
];

describe("hostile input to every route", () => {
  const routes = routeTable(AREAS);

  it("reaches every area's routes", () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(new Set(routes.map((r) => r.kind))).toEqual(new Set(["page", "oauth", "api", "test"]));
  });

  // One test per route, so a slow machine never runs into one test's timeout, and a failure names its route.
  const attacked = routes.filter((r) => !r.path.startsWith("/_local/reset"));
  it.each(attacked.map((route) => [`${route.method} ${route.path}`, route] as const))("answers %s with a 4xx (or a success), never a 5xx", async (_name, route) => {
    const failures: string[] = [];
    for (const id of HOSTILE_IDS) {
      const url = route.path.replace(/:[A-Za-z]+/g, id);
      for (const body of route.method === "GET" ? [undefined] : HOSTILE_BODIES) {
        const response = await t.request(url + (route.method === "GET" ? "?limit=abc&order=sideways&after=%00&statuses=,,," : ""), {
          method: route.method,
          headers: { Authorization: `Bearer ${t.server.apiKey}`, ...(body !== undefined && { "Content-Type": "application/json" }) },
          body,
        });
        if (response.status >= 500) failures.push(`${url.slice(0, 80)} ${body?.slice(0, 60) ?? "(no body)"} → ${response.status} ${(await response.text()).slice(0, 200)}`);
        else await response.arrayBuffer();
      }
    }
    expect(failures).toEqual([]);
  });

  it("is still up afterwards, with a readable data file", async () => {
    expect((await t.request("/health")).status).toBe(200);
    expect(() => JSON.parse(readFileSync(path.join(t.dataDir, "data.json"), "utf8"))).not.toThrow();
  });
});
