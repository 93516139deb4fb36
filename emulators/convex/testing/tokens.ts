import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";

/**
 * A test identity provider: an RSA key with a `kid`, its JWKS as a `data:` URL (what
 * auth.config.ts gets in TEST_JWKS), and a signer for tokens with any claims or header.
 */
export interface TestIssuer {
  issuer: string;
  audience: string;
  jwksDataUrl: string;
  sign(claims?: JWTPayload, options?: { kid?: string; expiresInSeconds?: number; issuedAt?: number; key?: "trusted" | "untrusted" }): Promise<string>;
  /** An unsigned token (`alg: "none"`) with the given claims. */
  unsigned(claims?: JWTPayload): string;
}

export async function createTestIssuer(issuer = "https://issuer.local-convex.test", audience = "local-convex-tests"): Promise<TestIssuer> {
  const trusted = await generateKeyPair("RS256");
  const untrusted = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(trusted.publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const jwksDataUrl = `data:text/plain;charset=utf-8;base64,${Buffer.from(JSON.stringify({ keys: [jwk] })).toString("base64")}`;
  const now = () => Math.floor(Date.now() / 1000);
  return {
    issuer,
    audience,
    jwksDataUrl,
    async sign(claims = {}, options = {}) {
      const iat = options.issuedAt ?? now();
      return await new SignJWT({ sub: "user_1", iss: issuer, aud: audience, ...claims })
        .setProtectedHeader({ alg: "RS256", kid: options.kid ?? "test-key", typ: "JWT" })
        .setIssuedAt(iat)
        .setExpirationTime(iat + (options.expiresInSeconds ?? 300))
        .sign(options.key === "untrusted" ? untrusted.privateKey : trusted.privateKey);
    },
    unsigned(claims = {}) {
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
      const iat = now();
      return `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "user_1", iss: issuer, aud: audience, iat, exp: iat + 300, ...claims })}.`;
    },
  };
}
