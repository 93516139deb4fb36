import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { ALICE, CAROL } from "../../demo-world.ts";
import { startTestAuthKit, type TestAuthKit } from "../../testing/start.ts";

let t: TestAuthKit | undefined;
afterEach(async () => {
  await t?.server.close();
});

describe("access tokens and GET /sso/jwks/<clientId>", () => {
  it("issues RS256 tokens with the WorkOS claims that verify against the served JWKS", async () => {
    t = await startTestAuthKit();
    const { access_token } = await t.authenticate(ALICE.email, { organization: "Acme Corp" });
    const jwks = createRemoteJWKSet(new URL(`${t.url}/sso/jwks/client_local`));
    const { payload, protectedHeader } = await jwtVerify(access_token, jwks, { issuer: `${t.url}/user_management/client_local` });
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(protectedHeader.kid).toMatch(/^sso_oidc_key_pair_/);
    expect(payload).toMatchObject({
      sub: ALICE.id,
      org_id: "org_acme",
      role: "admin",
      roles: ["admin"],
      permissions: ["notes:read", "notes:write", "notes:delete", "members:manage"],
    });
    expect(payload.sid).toMatch(/^session_01/);
    expect(payload.jti).toBeTruthy();
    expect(payload.aud).toBeUndefined();
    expect(payload.exp! - payload.iat!).toBe(300);
  });

  it("honours a short token lifetime and a public URL for the issuer", async () => {
    t = await startTestAuthKit({ accessTokenTtlSeconds: 5, publicUrl: "https://auth.example.test" });
    const { access_token } = await t.authenticate(CAROL.email);
    const jwks = createRemoteJWKSet(new URL(`${t.url}/sso/jwks/client_local`));
    const { payload } = await jwtVerify(access_token, jwks, { issuer: "https://auth.example.test/user_management/client_local" });
    expect(payload.exp! - payload.iat!).toBe(5);
    expect(decodeProtectedHeader(access_token).kid).toBeTruthy();
  });

  it("answers 404 for another client's JWKS", async () => {
    t = await startTestAuthKit();
    const response = await t.request("/sso/jwks/client_other");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_found" });
  });
});
