import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api } from "./fixtures/basic/convex/_generated/api.js";
import { scratchCopy, startBasic } from "./testing/harness.ts";
import { createTestIssuer, type TestIssuer } from "./testing/tokens.ts";

// The official Convex AuthKit template hard-codes WorkOS's hosted issuer in auth.config.ts.
const HARD_CODED = `export default {
  providers: [{
    type: "customJwt",
    issuer: "https://api.workos.com/user_management/client_template",
    jwks: "https://api.workos.com/sso/jwks/client_template",
    algorithm: "RS256",
  }],
};
`;

let project: ReturnType<typeof scratchCopy>;
let jwksHost: Server;
let local: string;
let issuer: TestIssuer;

beforeAll(async () => {
  project = scratchCopy();
  writeFileSync(path.join(project.convexDir, "auth.config.ts"), HARD_CODED);
  // A stand-in for the local AuthKit: its tokens' issuer and its JWKS live under its own origin.
  let jwks = "";
  jwksHost = createServer((req, res) => {
    if (req.url === "/sso/jwks/client_template") res.writeHead(200, { "Content-Type": "application/json" }).end(jwks);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => jwksHost.listen(0, "127.0.0.1", resolve));
  local = `http://127.0.0.1:${(jwksHost.address() as AddressInfo).port}`;
  issuer = await createTestIssuer(`${local}/user_management/client_template`);
  jwks = Buffer.from(issuer.jwksDataUrl.split(",")[1]!, "base64").toString("utf8");
});
afterAll(async () => {
  await new Promise((resolve) => jwksHost?.close(resolve));
  project?.remove();
});

describe("issuerMap: an auth.config.ts that hard-codes a hosted issuer runs on the local stack", () => {
  test("with the mapping, the local issuer's tokens are accepted and its JWKS is used; without it they are refused", async () => {
    const token = await issuer.sign({ sub: "template-user" });
    for (const issuerMap of [undefined, { "https://api.workos.com": local }]) {
      const started = await startBasic({ convexDir: project.convexDir, ...(issuerMap ? { issuerMap } : {}) }, issuer);
      try {
        const http = new ConvexHttpClient(started.server.url);
        http.setAuth(token);
        if (issuerMap) expect((await http.query(api.users.whoami, {}))?.subject).toBe("template-user");
        else await expect(http.query(api.users.whoami, {})).rejects.toThrow(/No auth provider found matching the given token/);
      } finally {
        await started.server.close();
      }
    }
  });
});
