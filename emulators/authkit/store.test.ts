import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULTS } from "./config.ts";
import { BOB, DEMO_PASSWORD } from "./demo-world.ts";
import { startAuthKit } from "./server.ts";
import { EmailTakenError, Store } from "./store.ts";
import { startTestAuthKit, type TestAuthKit } from "./testing/start.ts";

let dataDir: string;
let t: TestAuthKit | undefined;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "authkit-store-"));
});
afterEach(async () => {
  await t?.server.close();
  t = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

describe("persistence", () => {
  it("keeps users, sessions and the signing key across a restart with the same dataDir", async () => {
    t = await startTestAuthKit({ dataDir });
    expect(t.logs[0]).toContain(path.join(dataDir, "data.json"));
    await t.post("/_local/users", { email: "frank@example.com", password: "frank-password" });
    const before = await t.authenticate(BOB.email);
    const jwksBefore = await (await t.request("/sso/jwks/client_local")).json();
    await t.server.close();

    // Another port, so no pooled connection to the old server is reused; the issuer follows the port.
    t = await startTestAuthKit({ dataDir });
    expect(await (await t.request("/sso/jwks/client_local")).json()).toEqual(jwksBefore);
    // A token issued before the restart still verifies, and the session still refreshes.
    const jwks = createRemoteJWKSet(new URL(`${t.url}/sso/jwks/client_local`));
    await expect(jwtVerify(before.access_token, jwks)).resolves.toBeTruthy();
    const refresh = await t.post("/user_management/authenticate", { client_id: "client_local", grant_type: "refresh_token", refresh_token: before.refresh_token });
    expect(refresh.status).toBe(200);
    expect((await t.post("/_local/users", { email: "frank@example.com" })).status).toBe(409);
  });

  it("leaves no temporary files behind and stores password hashes, never passwords", async () => {
    t = await startTestAuthKit({ dataDir });
    for (let i = 0; i < 5; i++) await t.post("/_local/users", { email: `user${i}@example.com` });
    expect(readdirSync(dataDir).sort()).toEqual(["api-key", "data.json", "signing-key.json"]);
    const data = JSON.parse(readFileSync(path.join(dataDir, "data.json"), "utf8"));
    expect(data.users.map((u: { email: string }) => u.email)).toContain("user4@example.com");
    expect(JSON.stringify(data)).not.toContain(DEMO_PASSWORD);
    expect(data.users[0].password_hash).toMatch(/^scrypt\$/);
  });

  it("keeps a refresh token usable when saving its rotation fails, so the client's retry works", async () => {
    t = await startTestAuthKit({ dataDir });
    const { refresh_token } = await t.authenticate(BOB.email);
    const refresh = () => t!.post("/user_management/authenticate", { client_id: "client_local", grant_type: "refresh_token", refresh_token });
    // A folder where data.json should be: the next save cannot rename its temporary file into place.
    const file = path.join(dataDir, "data.json");
    rmSync(file);
    mkdirSync(file);
    const failed = await refresh();
    expect(failed.status).toBe(500);
    rmSync(file, { recursive: true });

    const retried = await refresh();
    expect(retried.status).toBe(200);
    // The rotation is on disk now: the old token is used up.
    expect((await refresh()).status).toBe(400);
    expect(JSON.parse(readFileSync(file, "utf8")).refresh_tokens.some((r: { used_at: string | null }) => r.used_at)).toBe(true);
  });

  it("refuses to start on a corrupt data file, naming it and what to do", async () => {
    writeFileSync(path.join(dataDir, "data.json"), "{ half a file");
    await expect(startAuthKit({ port: 0, dataDir, log: false })).rejects.toThrow(/data\.json is not valid JSON.*--reset/);
  });

  it("refuses to start on a port in use, saying so", async () => {
    t = await startTestAuthKit();
    const port = Number(new URL(t.url).port);
    await expect(startAuthKit({ port, dataDir: null, log: false })).rejects.toThrow(`Port ${port} is in use`);
  });

  it("rejects invalid options before starting", async () => {
    await expect(startAuthKit({ port: 0, dataDir: null, log: false, redirectUris: ["/callback"] })).rejects.toThrow("not an absolute http(s) URL");
    await expect(startAuthKit({ port: 0, dataDir: null, log: false, accessTokenTtlSeconds: 0 })).rejects.toThrow("accessTokenTtlSeconds");
  });
});

describe("Store", () => {
  it("refuses a second user with the same email, whatever its case", async () => {
    const store = await Store.open(null, DEFAULTS.seedFile);
    store.createUser({ email: "Gina@Example.com", passwordHash: null });
    expect(() => store.createUser({ email: " gina@example.COM ", passwordHash: null })).toThrow(EmailTakenError);
    expect(() => store.createUser({ email: BOB.email.toUpperCase(), passwordHash: null })).toThrow(`A user with email ${BOB.email} already exists.`);
  });
});
