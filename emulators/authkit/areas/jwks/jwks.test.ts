import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { ACME, ADMIN_ROLE, ALICE, CAROL } from "../../demo-world.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "manual" });

describe("access tokens and GET /sso/jwks/<clientId>", () => {
  it("issues RS256 tokens with the WorkOS claims that verify against the served JWKS", async () => {
    await t.start();
    const { access_token } = await t.authenticate(ALICE.email, { organization: "Acme Corp" });
    const jwks = createRemoteJWKSet(new URL(`${t.url}/sso/jwks/client_local`));
    const { payload, protectedHeader } = await jwtVerify(access_token, jwks, { issuer: `${t.url}/user_management/client_local` });
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(protectedHeader.kid).toMatch(/^sso_oidc_key_pair_/);
    expect(payload).toMatchObject({
      sub: ALICE.id,
      // The seed's values, so a role changed by the README's recipe keeps this test true.
      org_id: ACME.id,
      role: ADMIN_ROLE.slug,
      roles: [ADMIN_ROLE.slug],
      permissions: [...ADMIN_ROLE.permissions],
    });
    expect(payload.sid).toMatch(/^session_01/);
    expect(payload.jti).toBeTruthy();
    expect(payload.aud).toBeUndefined();
    expect(payload.exp! - payload.iat!).toBe(300);
  });

  it("honours a short token lifetime and a public URL for the issuer", async () => {
    await t.start({ accessTokenTtlSeconds: 5, publicUrl: "https://auth.example.test" });
    const { access_token } = await t.authenticate(CAROL.email);
    const jwks = createRemoteJWKSet(new URL(`${t.url}/sso/jwks/client_local`));
    const { payload } = await jwtVerify(access_token, jwks, { issuer: "https://auth.example.test/user_management/client_local" });
    expect(payload.exp! - payload.iat!).toBe(5);
    expect(decodeProtectedHeader(access_token).kid).toBeTruthy();
  });

  it("answers 404 for another client's JWKS", async () => {
    await t.start();
    const response = await t.request("/sso/jwks/client_other");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_found" });
  });
});
