import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALICE, BOB } from "../../demo-world.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "manual" });

const put = (key: string, body: string, type = "application/json") => ({ method: "PUT", headers: { Authorization: `Bearer ${key}`, "Content-Type": type }, body });

describe("the users API over HTTP", () => {
  it("refuses malformed updates (400 for a broken body, 422 naming the field) and leaves data.json intact", async () => {
    await t.start({ dataDir: t.dataDir });
    const key = t.server.apiKey;
    const before = readFileSync(path.join(t.dataDir, "data.json"), "utf8");
    expect((await t.request(`/user_management/users/${BOB.id}`, put(key, "[1,2"))).status).toBe(400);
    for (const [body, field] of [
      [{ first_name: ["Bob"] }, "first_name"],
      [{ email_verified: "true" }, "email_verified"],
      [{ password_hash: "$2b$..." }, "password_hash"],
      [{ locale: 7 }, "locale"],
      [{ admin: true }, "admin"],
    ] as const) {
      const response = await t.request(`/user_management/users/${BOB.id}`, put(key, JSON.stringify(body)));
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(await response.json()).toMatchObject({ code: "invalid_request_parameters", errors: [{ field }] });
    }
    const metadata = await t.request(`/user_management/users/${BOB.id}`, put(key, JSON.stringify({ metadata: { nested: { a: 1 } } })));
    expect(metadata.status).toBe(400);
    expect(await metadata.json()).toMatchObject({ code: "invalid_metadata" });
    expect(readFileSync(path.join(t.dataDir, "data.json"), "utf8")).toBe(before);
  });

  it("takes a form-encoded update, as WorkOS accepts both encodings", async () => {
    await t.start();
    const response = await t.request(`/user_management/users/${BOB.id}`, put(t.server.apiKey, "first_name=Robert", "application/x-www-form-urlencoded"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ first_name: "Robert", last_name: "Brown" });
  });

  it("answers 401 without the key and 405 for another method", async () => {
    await t.start();
    expect((await t.request(`/user_management/users/${ALICE.id}`)).status).toBe(401);
    expect((await t.request("/user_management/users", { method: "DELETE", headers: { Authorization: `Bearer ${t.server.apiKey}` } })).status).toBe(405);
  });
});
