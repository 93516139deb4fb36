import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from "jose";
import { ulid } from "./ids.ts";
import { keyFileAsync } from "../shared/key-file.ts";

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

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `sso_oidc_key_pair_${ulid()}`, alg: ALG };
}

/** Why the text is not an RSA private JWK with a kid, or null when it is one. */
function privateJwkProblem(text: string): string | null {
  let jwk: JWK;
  try {
    jwk = JSON.parse(text) as JWK;
  } catch (error) {
    return `is not valid JSON (${(error as Error).message})`;
  }
  return jwk?.kty === "RSA" && jwk.d && jwk.kid ? null : "is not an RSA private key with a kid";
}

export const SIGNING_KEY_FILE = "signing-key.json";

/**
 * The RS256 signing key: `<dataDir>/signing-key.json` when there is a dataDir (made once, readable
 * by its owner only), so tokens issued before a restart still verify after it; a fresh key per
 * start otherwise.
 */
async function signingKey(dataDir: string | null): Promise<JWK> {
  if (dataDir === null) return newPrivateJwk();
  const text = await keyFileAsync(path.join(dataDir, SIGNING_KEY_FILE), async () => JSON.stringify(await newPrivateJwk(), null, 2), {
    validate: privateJwkProblem,
    whatToDo: "delete it and a new key is made at start (tokens signed with the old key then stop verifying)",
  });
  return JSON.parse(text) as JWK;
}

export async function loadSigner(dataDir: string | null): Promise<TokenSigner> {
  const privateJwk = await signingKey(dataDir);
  const kid = privateJwk.kid!;
  const key = (await importJWK(privateJwk, ALG)) as CryptoKey;
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
