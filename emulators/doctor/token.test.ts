import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestIssuer } from "../convex/testing/tokens.ts";
import type { CheckResult } from "./check.ts";
import { runDoctor } from "./doctor.ts";
import { copyOfRepo, inputsFor } from "./testing/inputs.ts";
import { startTestStack, TEST_CLIENT_ID, type TestStack } from "./testing/stack.ts";

let stack: TestStack | undefined;
let copy: ReturnType<typeof copyOfRepo> | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
  copy?.remove();
  copy = undefined;
});

/** The token section of the report, by check id. */
async function tokenChecks(s: TestStack, token: string, env = s.env): Promise<Record<string, CheckResult>> {
  const report = await runDoctor(inputsFor(env, { token, convexAdminKey: s.convex.adminKey, cliTimeoutMs: 15_000 }));
  const section = report.sections.find((x) => x.name.startsWith("Access token"));
  return Object.fromEntries((section?.checks ?? []).map((c) => [c.id, c]));
}

const failed = (checks: Record<string, CheckResult>) => Object.values(checks).filter((c) => c.status === "fail").map((c) => c.id);

describe("the token check", () => {
  it("passes for a token of the app's AuthKit, which Convex accepts", async () => {
    stack = await startTestStack();
    const checks = await tokenChecks(stack, await stack.accessToken());
    expect(failed(checks)).toEqual([]);
    expect(checks["token.provider"]?.saw).toContain(`/user_management/${TEST_CLIENT_ID} (this provider does not check aud)`);
    expect(checks["token.convex"]?.saw).toMatch(/^users:me ran as http:\/\/localhost:\d+\/user_management\/client_01DOCTORTEST\|user_/);
  });

  it("finds Convex refusing the token when its WORKOS_CLIENT_ID is another client's", async () => {
    stack = await startTestStack({ convexEnv: { WORKOS_CLIENT_ID: "client_01SOMEONEELSE" } });
    const checks = await tokenChecks(stack, await stack.accessToken());
    expect(checks["token.convex"]).toMatchObject({ status: "fail", saw: expect.stringContaining("Convex refused it: No auth provider found matching the given token") });
    expect(checks["token.convex"]?.fix).toContain(`WORKOS_CLIENT_ID must be ${TEST_CLIENT_ID}`);
  });

  it("finds a token whose issuer is another host than the one Convex trusts", async () => {
    // AuthKit behind another name than the app uses, as a custom auth domain changes the issuer.
    stack = await startTestStack({ authkit: { publicUrl: "http://127.0.0.1:1" } });
    const checks = await tokenChecks(stack, await stack.accessToken());
    expect(checks["token.provider"]).toMatchObject({ status: "fail", saw: expect.stringContaining(`iss http://127.0.0.1:1/user_management/${TEST_CLIENT_ID} is none of the issuers`) });
    expect(checks["token.provider"]?.fix).toContain("npx convex env set WORKOS_API_URL http://127.0.0.1:1");
    expect(checks["token.convex"]?.status).toBe("fail");
  });

  it("finds a token without aud against a provider that requires it", async () => {
    copy = copyOfRepo();
    const config = path.join(copy.convexDir, "auth.config.ts");
    // Both providers require aud, as in the guide's version: AuthKit's default tokens have none.
    writeFileSync(config, `
const clientId = process.env.WORKOS_CLIENT_ID;
const apiUrl = process.env.WORKOS_API_URL ?? "https://api.workos.com";
export default { providers: [
  { type: "customJwt", issuer: \`\${apiUrl}/\`, algorithm: "RS256", jwks: \`\${apiUrl}/sso/jwks/\${clientId}\`, applicationID: clientId },
  { type: "customJwt", issuer: \`\${apiUrl}/user_management/\${clientId}\`, algorithm: "RS256", jwks: \`\${apiUrl}/sso/jwks/\${clientId}\`, applicationID: clientId },
] };`);
    stack = await startTestStack({ convexDir: copy.convexDir });
    const report = await runDoctor(inputsFor(stack.env, { root: copy.root, token: await stack.accessToken(), convexAdminKey: stack.convex.adminKey }));
    const checks = Object.fromEntries(report.sections.flatMap((s) => s.checks).map((c) => [c.id, c]));
    expect(checks["token.provider"]).toMatchObject({ status: "fail", saw: expect.stringContaining("the token has no aud claim") });
    expect(checks["token.provider"]?.fix).toContain(`Add the JWT template {"aud": "${TEST_CLIENT_ID}"}`);
    expect(checks["token.convex"]?.status).toBe("fail");
  });

  it("finds a token signed with a key the JWKS does not have, and an expired one", async () => {
    stack = await startTestStack();
    // AuthKit's issuer, but a key of its own that AuthKit's JWKS lacks.
    const forger = await createTestIssuer({ issuer: `${stack.authkit.url}/user_management/${TEST_CLIENT_ID}`, audience: null });
    const forged = await forger.sign({ sid: "session_1" }, { kid: "someone_elses_key", issuedAt: Math.floor(Date.now() / 1000) - 600, expiresInSeconds: 300 });
    const checks = await tokenChecks(stack, forged);
    expect(failed(checks)).toEqual(["token.expiry", "token.kid", "token.convex"]);
    expect(checks["token.kid"]?.saw).toContain("kid someone_elses_key is not among");
    expect(checks["token.expiry"]?.saw).toMatch(/expired at .*, 30\d s ago/);
  });

  it("says when what it was given is not a JWT", async () => {
    stack = await startTestStack();
    const checks = await tokenChecks(stack, "not-a-token");
    expect(checks["token.decode"]).toMatchObject({ status: "fail", fix: expect.stringContaining("access token") });
  });
});
