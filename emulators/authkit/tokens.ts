import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from "jose";
import { ulid } from "./ids.ts";
import { readJsonFile, writeFileAtomic } from "./persistence.ts";

const ALG = "RS256";

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  org_id?: string;
  role?: string;
  roles?: string[];
  permissions?: string[];
}

export interface TokenSigner {
  /** The public key set served at /sso/jwks/<clientId>. */
  jwks: { keys: JWK[] };
  sign(claims: AccessTokenClaims, issuer: string, ttlSeconds: number): Promise<string>;
}

function publicPart(jwk: JWK): JWK {
  const { kty, n, e, kid } = jwk;
  return { kty, n, e, kid, alg: ALG, use: "sig" };
}

/**
 * The RS256 signing key: `<dataDir>/signing-key.json` when there is a dataDir, so tokens issued
 * before a restart still verify after it; a fresh key per start otherwise.
 */
export async function loadSigner(dataDir: string | null): Promise<TokenSigner> {
  const file = dataDir === null ? null : path.join(dataDir, "signing-key.json");
  let privateJwk = file ? readJsonFile<JWK>(file) : undefined;
  if (!privateJwk) {
    const { privateKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: `sso_oidc_key_pair_${ulid()}`, alg: ALG };
    if (file) writeFileAtomic(file, JSON.stringify(privateJwk, null, 2) + "\n");
  }
  if (privateJwk.kty !== "RSA" || !privateJwk.d || !privateJwk.kid) {
    throw new Error(`${file} is not an RSA private key with a kid: delete it and a new key is made at start.`);
  }
  const key = (await importJWK(privateJwk, ALG)) as CryptoKey;
  const kid = privateJwk.kid;
  return {
    jwks: { keys: [publicPart(privateJwk)] },
    sign(claims, issuer, ttlSeconds) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ ...claims })
        .setProtectedHeader({ alg: ALG, kid, typ: "JWT" })
        .setIssuer(issuer)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .setJti(ulid())
        .sign(key);
    },
  };
}
