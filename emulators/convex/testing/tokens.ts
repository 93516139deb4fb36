import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";

/**
 * The one token signer of the tests (the local Convex's, the doctor's, the bench): an RSA key
 * made at run time with a `kid`, its JWKS (as an object and as the `data:` URL auth.config.ts
 * gets in TEST_JWKS), and a signer for tokens with any claims or header. No key is committed.
 */
export interface TestIssuer<Audience extends string | undefined = string> {
  issuer: string;
  /** The `aud` of its tokens; none when undefined (AuthKit's access tokens carry none). */
  audience: Audience;
  jwks: { keys: JWK[] };
  jwksDataUrl: string;
  /**
   * A token with `sub` (default "user_1"), `iss`, `aud`, `iat` and `exp` set, then `claims` over
   * them (`{ aud: undefined }` drops one). `key: "untrusted"` signs with a key its JWKS lacks.
   */
  sign(claims?: JWTPayload, options?: { kid?: string; expiresInSeconds?: number; issuedAt?: number; key?: "trusted" | "untrusted" }): Promise<string>;
  /** An unsigned token (`alg: "none"`) with the given claims. */
  unsigned(claims?: JWTPayload): string;
}

const KID = "test-key";

/** `audience` defaults to "local-convex-tests"; `null` makes tokens without `aud`, as AuthKit's. */
export async function createTestIssuer(options?: { issuer?: string; audience?: string }): Promise<TestIssuer>;
export async function createTestIssuer(options: { issuer?: string; audience: null }): Promise<TestIssuer<undefined>>;
export async function createTestIssuer(options: { issuer?: string; audience?: string | null } = {}): Promise<TestIssuer<string | undefined>> {
  const issuer = options.issuer ?? "https://issuer.local-convex.test";
  const audience = options.audience === null ? undefined : (options.audience ?? "local-convex-tests");
  const trusted = await generateKeyPair("RS256");
  // Only the tests of refused signatures need a second key: made on first use.
  let untrusted: Promise<CryptoKey> | undefined;
  const jwks = { keys: [{ ...(await exportJWK(trusted.publicKey)), kid: KID, alg: "RS256", use: "sig" }] };
  const now = () => Math.floor(Date.now() / 1000);
  const base = (iat: number, exp: number): JWTPayload => ({ sub: "user_1", iss: issuer, ...(audience !== undefined && { aud: audience }), iat, exp });
  return {
    issuer,
    audience,
    jwks,
    jwksDataUrl: `data:text/plain;charset=utf-8;base64,${Buffer.from(JSON.stringify(jwks)).toString("base64")}`,
    async sign(claims = {}, signOptions = {}) {
      const iat = signOptions.issuedAt ?? now();
      const key =
        signOptions.key === "untrusted" ? await (untrusted ??= generateKeyPair("RS256").then((pair) => pair.privateKey)) : trusted.privateKey;
      return await new SignJWT({ ...base(iat, iat + (signOptions.expiresInSeconds ?? 300)), ...claims })
        .setProtectedHeader({ alg: "RS256", kid: signOptions.kid ?? KID, typ: "JWT" })
        .sign(key);
    },
    unsigned(claims = {}) {
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
      const iat = now();
      return `${b64({ alg: "none", typ: "JWT" })}.${b64({ ...base(iat, iat + 300), ...claims })}.`;
    },
  };
}

/** A test issuer whose JWKS (and, for OIDC, discovery document) is fetched over HTTP. */
export interface ServedTestIssuer extends TestIssuer<string | undefined> {
  /** Its origin: what `WORKOS_API_URL` (AuthKit's shape) or an OIDC provider's `domain` is set to. */
  url: string;
  /** How many times its JWKS has been fetched. */
  jwksRequests(): number;
  close(): Promise<void>;
}

export type ServedShape =
  /** AuthKit's: issuer `<url>/user_management/<clientId>`, JWKS at `/sso/jwks/<clientId>`, no `aud`. */
  | { authKitClientId: string }
  /** An OIDC provider's: issuer `<url>`, `/.well-known/openid-configuration`, JWKS at `/jwks`. */
  | { oidcAudience: string };

/** Serves a test issuer on a free loopback port, shaped like AuthKit or like an OIDC provider. */
export async function serveTestIssuer(shape: ServedShape): Promise<ServedTestIssuer> {
  let issuer: TestIssuer<string | undefined> | undefined;
  let jwksPath = "";
  let jwksRequests = 0;
  const server = createServer((req, res) => {
    const json = (body: unknown) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    if (issuer && req.url === jwksPath) {
      jwksRequests += 1;
      json(issuer.jwks);
    } else if (issuer && "oidcAudience" in shape && req.url === "/.well-known/openid-configuration") {
      json({ issuer: issuer.issuer, jwks_uri: `${issuer.issuer}${jwksPath}` });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if ("authKitClientId" in shape) {
    jwksPath = `/sso/jwks/${shape.authKitClientId}`;
    issuer = await createTestIssuer({ issuer: `${url}/user_management/${shape.authKitClientId}`, audience: null });
  } else {
    jwksPath = "/jwks";
    issuer = await createTestIssuer({ issuer: url, audience: shape.oidcAudience });
  }
  return {
    ...issuer,
    url,
    jwksRequests: () => jwksRequests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
