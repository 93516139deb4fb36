import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { DEFAULTS } from "./config.ts";
import { BOB, DEMO_PASSWORD } from "./demo-world.ts";
import { DEMO_SEED_FILE } from "./seed.ts";
import { startAuthKit } from "./server.ts";
import { EmailTakenError, Store } from "./store.ts";
import { useTestAuthKit } from "./testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "manual" });

describe("persistence", () => {
  it("keeps users, sessions and the signing key across a restart with the same dataDir", async () => {
    await t.start({ dataDir: t.dataDir });
    expect(t.logs[0]).toContain(path.join(t.dataDir, "data.json"));
    await t.post("/_local/users", { email: "frank@example.com", password: "frank-password" });
    const before = await t.authenticate(BOB.email);
    const jwksBefore = await (await t.request("/sso/jwks/client_local")).json();
    await t.server.close();

    // Another port, so no pooled connection to the old server is reused; the issuer follows the port.
    await t.start({ dataDir: t.dataDir });
    expect(await (await t.request("/sso/jwks/client_local")).json()).toEqual(jwksBefore);
    // A token issued before the restart still verifies, and the session still refreshes.
    const jwks = createRemoteJWKSet(new URL(`${t.url}/sso/jwks/client_local`));
    await expect(jwtVerify(before.access_token, jwks)).resolves.toBeTruthy();
    const refresh = await t.post("/user_management/authenticate", { client_id: "client_local", grant_type: "refresh_token", refresh_token: before.refresh_token });
    expect(refresh.status).toBe(200);
    expect((await t.post("/_local/users", { email: "frank@example.com" })).status).toBe(409);
  });

  it("leaves no temporary files behind and stores password hashes, never passwords", async () => {
    await t.start({ dataDir: t.dataDir });
    for (let i = 0; i < 5; i++) await t.post("/_local/users", { email: `user${i}@example.com` });
    expect(readdirSync(t.dataDir).sort()).toEqual(["api-key", "data.json", "signing-key.json"]);
    const data = JSON.parse(readFileSync(path.join(t.dataDir, "data.json"), "utf8"));
    expect(data.users.map((u: { email: string }) => u.email)).toContain("user4@example.com");
    expect(JSON.stringify(data)).not.toContain(DEMO_PASSWORD);
    expect(data.users[0].password_hash).toMatch(/^scrypt\$/);
  });

  it("keeps a refresh token usable when saving its rotation fails, so the client's retry works", async () => {
    await t.start({ dataDir: t.dataDir });
    const { refresh_token } = await t.authenticate(BOB.email);
    const refresh = () => t.post("/user_management/authenticate", { client_id: "client_local", grant_type: "refresh_token", refresh_token });
    // A folder where data.json should be: the next save cannot rename its temporary file into place.
    const file = path.join(t.dataDir, "data.json");
    rmSync(file);
    mkdirSync(file);
    const failed = await refresh();
    expect(failed.status).toBe(500);
    rmSync(file, { recursive: true });

    const retried = await refresh();
    expect(retried.status).toBe(200);
    const successor = (await retried.json()).refresh_token;
    // The rotation is on disk now: the old token is used up (presented again at once, it is taken
    // for a reload mid-refresh and answered with the same successor, not a third token).
    expect((await (await refresh()).json()).refresh_token).toBe(successor);
    expect(JSON.parse(readFileSync(file, "utf8")).refresh_tokens.some((r: { used_at: string | null }) => r.used_at)).toBe(true);
  });

  it("refuses to start on a corrupt data file, naming it and what to do", async () => {
    writeFileSync(path.join(t.dataDir, "data.json"), "{ half a file");
    await expect(startAuthKit({ port: 0, dataDir: t.dataDir, log: false })).rejects.toThrow(/data\.json is not valid JSON.*--reset/);
  });

  it("refuses to start on a port in use, saying so", async () => {
    await t.start();
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

  it("tells change hooks of saved changes only, once each", async () => {
    const store = await Store.open(null, DEMO_SEED_FILE);
    const heard: string[] = [];
    store.onChange((change) => heard.push(`${change.collection} ${change.kind}`));
    const users: string[] = [];
    store.users.onChange((change) => users.push(`${change.kind} ${change.after?.email}`));
    const gina = store.createUser({ email: "gina@example.com", passwordHash: null });
    store.updateUser(gina.id, { email_verified: true });
    expect(() =>
      store.atomically(() => {
        store.createOrganization("Initech");
        throw new Error("undone");
      }),
    ).toThrow("undone");
    expect(heard).toEqual(["users created", "users updated"]);
    expect(users).toEqual(["created gina@example.com", "updated gina@example.com"]);
    expect(store.organizations.list().map((o) => o.name)).not.toContain("Initech");
  });

  it("loads a data file written before a collection existed, starting that list empty", async () => {
    await t.start({ dataDir: t.dataDir });
    await t.server.close();
    const file = path.join(t.dataDir, "data.json");
    const { codes: _codes, memberships: _memberships, ...older } = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify(older));
    const store = await Store.open(t.dataDir, DEMO_SEED_FILE);
    expect(store.membershipsOf(store.userByEmail(BOB.email)!.id)).toEqual([]);
    expect(store.userByEmail(BOB.email)).toBeDefined();
    store.issueCode(BOB.email, "password_reset");
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ version: 1, memberships: [], codes: [{ email: BOB.email }] });
  });

  it("refuses a data file that is not an object, or whose list is not a list", async () => {
    const file = path.join(t.dataDir, "data.json");
    const seed = DEMO_SEED_FILE;
    writeFileSync(file, "[]");
    await expect(Store.open(t.dataDir, seed)).rejects.toThrow(`${file} does not hold a JSON object: delete it`);
    writeFileSync(file, JSON.stringify({ version: 1, users: {} }));
    await expect(Store.open(t.dataDir, seed)).rejects.toThrow(`${file} has a \`users\` that is not a list`);
    writeFileSync(file, JSON.stringify({ version: 2 }));
    await expect(Store.open(t.dataDir, seed)).rejects.toThrow("unknown version 2");
  });
});
