import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { api } from "./fixtures/basic/convex/_generated/api.js";
import { eventually, newClient, startBasic, type Started } from "./testing/harness.ts";
import { createTestIssuer } from "./testing/tokens.ts";

let started: Started;
const clients: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  started = await startBasic();
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await started.server.close();
});

/** Signs in a real client with `token` and reports what the client concluded. */
async function signIn(token: string) {
  const c = newClient(started.server.url);
  clients.push(c);
  const states: boolean[] = [];
  c.setAuth(async () => token, (isAuthenticated) => states.push(isAuthenticated));
  await eventually(() => states.length, (n) => n > 0);
  return { client: c, authenticated: states[0] };
}

describe("auth like the Convex backend", () => {
  test("a valid token is accepted and the identity is built like the backend's customJwt mapping", async () => {
    const token = await started.issuer.sign({
      sub: "user_42",
      email: "ada@example.com",
      name: "Ada",
      picture: "https://example.com/a.png",
      org: { id: "org_1", role: { name: "admin" } },
      fva: [1, 2],
    });
    const { client, authenticated } = await signIn(token);
    expect(authenticated).toBe(true);
    expect(await client.query(api.users.whoami, {})).toEqual({
      tokenIdentifier: `${started.issuer.issuer}|user_42`,
      subject: "user_42",
      issuer: started.issuer.issuer,
      email: "ada@example.com",
      name: "Ada",
      picture: "https://example.com/a.png",
      "org.id": "org_1",
      "org.role.name": "admin",
    });
    const noteId = await client.mutation(api.users.addNote, { text: "mine" });
    expect(typeof noteId).toBe("string");
  });

  test("a provider without applicationID accepts tokens without an audience", async () => {
    const token = await started.issuer.sign({ iss: `${started.issuer.issuer}/no-audience`, aud: undefined });
    expect((await signIn(token)).authenticated).toBe(true);
  });

  const refused: [string, () => Promise<string>, RegExp][] = [
    ["wrong issuer", () => started.issuer.sign({ iss: "https://someone-else.test" }), /No auth provider found/],
    ["wrong audience", () => started.issuer.sign({ aud: "another-app" }), /No auth provider found/],
    ["bad signature", () => started.issuer.sign({}, { key: "untrusted" }), /signature/],
    ["unknown kid", () => started.issuer.sign({}, { kid: "not-in-jwks" }), /no applicable key|matching key|JWKS/i],
    ["expired", () => started.issuer.sign({}, { issuedAt: Math.floor(Date.now() / 1000) - 600, expiresInSeconds: 300 }), /"exp" claim/],
    ["alg none", async () => started.issuer.unsigned(), /alg "none"/],
    ["not a JWT", async () => "garbage", /Could not parse JWT/],
  ];
  for (const [kind, make, reason] of refused) {
    test(`a token with ${kind} is refused (AuthError, the client reports not authenticated)`, async () => {
      const before = started.lines.length;
      const { client, authenticated } = await signIn(await make());
      expect(authenticated).toBe(false);
      expect(started.lines.slice(before).some((l) => l.includes("token refused") && reason.test(l))).toBe(true);
      expect(await client.query(api.users.whoami, {})).toBeNull();
    });
  }

  test("a token from an issuer with another key set is refused even with the right iss", async () => {
    const impostor = await createTestIssuer({ issuer: started.issuer.issuer, audience: started.issuer.audience });
    expect((await signIn(await impostor.sign())).authenticated).toBe(false);
  });

  test("the server answers a rejected token with AuthError{authUpdateAttempted:true, baseVersion} and closes", async () => {
    const ws = new WebSocket(started.server.url.replace("http", "ws") + "/api/1.48.0/sync");
    await new Promise((resolve) => ws.once("open", resolve));
    const messages: unknown[] = [];
    ws.on("message", (data) => messages.push(JSON.parse(String(data))));
    const closed = new Promise((resolve) => ws.once("close", resolve));
    ws.send(JSON.stringify({ type: "Connect", sessionId: "raw", connectionCount: 0, lastCloseReason: null, clientTs: Date.now() }));
    ws.send(JSON.stringify({ type: "Authenticate", baseVersion: 0, tokenType: "User", value: started.issuer.unsigned() }));
    await closed;
    expect(messages).toEqual([{ type: "AuthError", error: expect.any(String), baseVersion: 0, authUpdateAttempted: true }]);
  });

  test("an identity that expires is noticed when functions run later (authUpdateAttempted:false)", async () => {
    const now = Math.floor(Date.now() / 1000);
    // Expired 2 s ago: still inside the backend's 5 s leeway when sent, outside it moments later.
    const token = await started.issuer.sign({}, { issuedAt: now - 60, expiresInSeconds: 58 });
    const ws = new WebSocket(started.server.url.replace("http", "ws") + "/api/1.48.0/sync");
    await new Promise((resolve) => ws.once("open", resolve));
    const messages: { type: string; authUpdateAttempted?: boolean }[] = [];
    ws.on("message", (data) => messages.push(JSON.parse(String(data)) as { type: string }));
    const closed = new Promise((resolve) => ws.once("close", resolve));
    ws.send(JSON.stringify({ type: "Connect", sessionId: "expiring", connectionCount: 0, lastCloseReason: null }));
    ws.send(JSON.stringify({ type: "Authenticate", baseVersion: 0, tokenType: "User", value: token }));
    await eventually(() => messages.length, (n) => n > 0);
    expect(messages[0]?.type).toBe("Transition");
    await eventually(() => Date.now() / 1000, (t) => t > now - 2 + 5.5);
    ws.send(JSON.stringify({ type: "Mutation", requestId: 0, udfPath: "users:addNote", args: [{ text: "late" }] }));
    await closed;
    expect(messages.at(-1)).toEqual({ type: "AuthError", error: "Convex token identity expired", baseVersion: 1, authUpdateAttempted: false });
  });

  test("a real client whose token expires while connected fetches a new one, and its mutation runs once under it", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expiring = await started.issuer.sign({ sub: "before-refresh" }, { issuedAt: now - 60, expiresInSeconds: 58 });
    let current = expiring;
    const c = newClient(started.server.url);
    clients.push(c);
    const states: boolean[] = [];
    c.setAuth(async () => current, (isAuthenticated) => states.push(isAuthenticated));
    await eventually(() => states.length, (n) => n > 0);
    expect(states).toEqual([true]);
    await eventually(() => Date.now() / 1000, (t) => t > now - 2 + 5.5);
    current = await started.issuer.sign({ sub: "after-refresh" });
    // The server answers AuthError{authUpdateAttempted:false}; the client fetches a token, reconnects and re-sends the mutation.
    const noteId = await c.mutation(api.users.addNote, { text: "across the refresh" });
    expect(typeof noteId).toBe("string");
    expect((await c.query(api.users.whoami, {}))?.subject).toBe("after-refresh");
    // The client never reported being signed out (1.48.0 repeats `true` once the fresh token is confirmed).
    expect(states).not.toContain(false);
  });

  test("admin auth (dashboard/CLI) may act as a user and call internal functions", async () => {
    const c = newClient(started.server.url);
    clients.push(c);
    // setAdminAuth is the client's internal hook for the dashboard and the CLI.
    const base = c.client as unknown as { setAdminAuth(key: string, actingAs?: Record<string, string>): void };
    base.setAdminAuth(started.server.adminKey, { subject: "acted", issuer: "https://acting.test", tokenIdentifier: "https://acting.test|acted" });
    await eventually(() => c.query(api.users.whoami, {}), (v) => v?.subject === "acted");
    expect(await c.query(makeFunctionReference<"query">("messages:secret"), {})).toBe("classified");
  });

  test("clearAuth signs the client out", async () => {
    const { client } = await signIn(await started.issuer.sign({ sub: "leaving" }));
    expect((await client.query(api.users.whoami, {}))?.subject).toBe("leaving");
    client.client.clearAuth();
    await eventually(() => client.query(api.users.whoami, {}), (v) => v === null);
  });
});
