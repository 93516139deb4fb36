import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { evaluateAuthConfig, expectedConvexEnv, judgeAuthConfig } from "./auth-config.ts";
import { resolveTarget } from "./inputs.ts";
import { copyOfRepo, inputsFor, REAL_ENV, REPO_ROOT } from "./testing/inputs.ts";

let copy: ReturnType<typeof copyOfRepo> | undefined;
afterEach(() => {
  copy?.remove();
  copy = undefined;
});

async function judge(root: string, env: Record<string, string>) {
  const target = resolveTarget(inputsFor(env));
  const convexEnv = expectedConvexEnv(target);
  return judgeAuthConfig(target, await evaluateAuthConfig(root, convexEnv, 20_000), convexEnv);
}

// The guide's version: issuers fixed to api.workos.com, and aud required of default tokens too.
const GUIDE_AUTH_CONFIG = `
const clientId = process.env.WORKOS_CLIENT_ID;
export default {
  providers: [
    { type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", applicationID: clientId, jwks: \`https://api.workos.com/sso/jwks/\${clientId}\` },
    { type: "customJwt", issuer: \`https://api.workos.com/user_management/\${clientId}\`, algorithm: "RS256", jwks: \`https://api.workos.com/sso/jwks/\${clientId}\`, applicationID: clientId },
  ],
};`;

describe("the auth.config.ts check", () => {
  it("passes for this repository's auth.config.ts, on WorkOS and on a custom auth domain", async () => {
    expect(await judge(REPO_ROOT, { ...REAL_ENV })).toMatchObject({ status: "pass" });
    expect(await judge(REPO_ROOT, { ...REAL_ENV, VITE_WORKOS_API_HOSTNAME: "auth.example.com" })).toMatchObject({
      status: "pass",
      saw: expect.stringContaining("https://auth.example.com/user_management/client_01HXYZABCDEF"),
    });
  });

  it("finds issuers on another host than the app's custom auth domain", async () => {
    copy = copyOfRepo();
    writeFileSync(path.join(copy.convexDir, "auth.config.ts"), GUIDE_AUTH_CONFIG);
    const result = await judge(copy.root, { ...REAL_ENV, VITE_WORKOS_API_HOSTNAME: "auth.example.com" });
    expect(result).toMatchObject({ status: "fail", saw: expect.stringContaining("https://auth.example.com/user_management/client_01HXYZABCDEF") });
    expect(result.fix).toContain("WORKOS_API_URL");
  });

  it("warns when default AuthKit tokens (no aud) would be refused", async () => {
    copy = copyOfRepo();
    writeFileSync(path.join(copy.convexDir, "auth.config.ts"), GUIDE_AUTH_CONFIG);
    const result = await judge(copy.root, { ...REAL_ENV });
    expect(result).toMatchObject({ status: "warn", saw: expect.stringContaining("requires aud") });
    expect(result.fix).toContain(`{"aud": "client_01HXYZABCDEF"}`);
  });

  it("shows the error auth.config.ts throws", async () => {
    copy = copyOfRepo();
    writeFileSync(path.join(copy.convexDir, "auth.config.ts"), `throw new Error("WORKOS_CLIENT_ID is not set");\nexport default {};`);
    expect(await judge(copy.root, { ...REAL_ENV })).toMatchObject({ status: "fail", saw: expect.stringContaining("WORKOS_CLIENT_ID is not set") });
  });
});
