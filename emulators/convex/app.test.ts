import path from "node:path";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ACME, BOB, demoClaims } from "../authkit/demo-world.ts";
import { startConvexForTests, type LocalConvexForTests } from "./server.ts";
import { eventually, newClient, repoRoot, watch } from "./testing/harness.ts";
import { serveTestIssuer, type ServedTestIssuer } from "./testing/tokens.ts";

/**
 * The app's own convex/ folder against the local Convex, with tokens shaped like AuthKit's
 * (issuer `<api>/user_management/<client>`, JWKS fetched over HTTP from `<api>/sso/jwks/<client>`).
 */
const clientId = "client_local";
let authkit: ServedTestIssuer;
let server: LocalConvexForTests;

beforeAll(async () => {
  authkit = await serveTestIssuer({ authKitClientId: clientId });
  server = await startConvexForTests({
    convexDir: path.join(repoRoot, "convex"),
    port: 0,
    sitePort: 0,
    dataDir: null,
    watch: false,
    log: false,
    env: { WORKOS_CLIENT_ID: clientId, WORKOS_API_URL: authkit.url },
  });
});
afterAll(async () => {
  await server.close();
  await authkit.close();
});

describe("this app's convex/ folder", () => {
  test("a signed-in user adds a note and sees it in the paginated list", async () => {
    const client = newClient(server.url);
    try {
      const token = await authkit.sign(demoClaims(BOB, ACME));
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
      expect(me).toMatchObject({ subject: BOB.id, orgId: ACME.id, role: "member" });
      list.unsubscribe();
    } finally {
      await client.close();
    }
  });
});
