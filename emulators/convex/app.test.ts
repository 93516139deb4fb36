import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startConvexForTests, type LocalConvexForTests } from "./server.ts";
import { eventually, newClient, repoRoot, watch } from "./testing/harness.ts";

/**
 * The app's own convex/ folder against the local Convex, with tokens shaped like AuthKit's
 * (issuer `<api>/user_management/<client>`, JWKS fetched over HTTP from `<api>/sso/jwks/<client>`).
 */
const clientId = "client_local";
let jwksServer: Server;
let server: LocalConvexForTests;
let apiUrl: string;
let sign: (claims: Record<string, unknown>) => Promise<string>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "app-key", alg: "RS256", use: "sig" };
  jwksServer = createServer((req, res) => {
    if (req.url === `/sso/jwks/${clientId}`) res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
  sign = (claims) =>
    new SignJWT({ sub: "user_alice", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "app-key", typ: "JWT" })
      .setIssuer(`${apiUrl}/user_management/${clientId}`)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
  server = await startConvexForTests({
    convexDir: path.join(repoRoot, "convex"),
    port: 0,
    sitePort: 0,
    dataDir: null,
    watch: false,
    log: false,
    env: { WORKOS_CLIENT_ID: clientId, WORKOS_API_URL: apiUrl },
  });
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => jwksServer.close(resolve));
});

describe("this app's convex/ folder", () => {
  test("a signed-in user adds a note and sees it in the paginated list", async () => {
    const client = newClient(server.url);
    try {
      const token = await sign({ org_id: "org_acme", role: "member", permissions: ["notes:read", "notes:write"] });
      const states: boolean[] = [];
      client.setAuth(async () => token, (ok) => states.push(ok));
      await eventually(() => states, (s) => s.length > 0);
      expect(states[0]).toBe(true);
      type Page = { page: { text: string }[] };
      const list = watch<Page>((onValue, onError) =>
        client.onUpdate(makeFunctionReference<"query">("notes:list"), { paginationOpts: { numItems: 10, cursor: null } }, onValue, onError),
      );
      await list.next(() => true);
      await client.mutation(makeFunctionReference<"mutation">("notes:add"), { text: "from the local Convex" });
      expect(list.latest()?.page.map((n) => n.text)).toContain("from the local Convex");
      const me = await client.query(makeFunctionReference<"query">("users:me"), {});
      expect(me).toMatchObject({ subject: "user_alice", orgId: "org_acme", role: "member" });
      list.unsubscribe();
    } finally {
      await client.close();
    }
  });
});
