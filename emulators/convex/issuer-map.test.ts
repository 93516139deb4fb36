import { writeFileSync } from "node:fs";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api } from "./fixtures/basic/convex/_generated/api.js";
import { scratchCopy, startBasic } from "./testing/harness.ts";
import { serveTestIssuer, type ServedTestIssuer } from "./testing/tokens.ts";

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
let local: string;
let issuer: ServedTestIssuer;

beforeAll(async () => {
  project = scratchCopy();
  writeFileSync(path.join(project.convexDir, "auth.config.ts"), HARD_CODED);
  // A stand-in for the local AuthKit: its tokens' issuer and its JWKS live under its own origin.
  issuer = await serveTestIssuer({ authKitClientId: "client_template" });
  local = issuer.url;
});
afterAll(async () => {
  await issuer?.close();
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
