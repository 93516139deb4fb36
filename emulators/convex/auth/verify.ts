import type { UserIdentity } from "convex/server";
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { normalizeIssuer, type Provider } from "./config.ts";
import { customJwtIdentity, oidcIdentity } from "./identity.ts";

/** The backend's clock leeway for exp/nbf/iat. */
const LEEWAY_SECONDS = 5;

export class AuthFailure extends Error {}

export interface VerifiedToken {
  identity: UserIdentity;
  /** Seconds since epoch. */
  expiresAt: number;
}

/** Validates a user JWT the way the Convex backend does: provider by iss/aud, signature by JWKS, then time claims. */
export class TokenVerifier {
  private keySets = new Map<string, JWTVerifyGetKey>();
  private discovery = new Map<string, Promise<string>>();

  constructor(private readonly providers: () => Promise<Provider[]>) {}

  async verify(token: string): Promise<VerifiedToken> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    let claims: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      claims = decodeJwt(token);
    } catch (error) {
      throw new AuthFailure(`Could not parse JWT: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!header.alg || header.alg === "none") throw new AuthFailure("Could not verify token: unsigned tokens (alg \"none\") are refused");
    if (typeof claims.iss !== "string") throw new AuthFailure("Missing issuer claim (\"iss\") in JWT");
    const iss = normalizeIssuer(claims.iss);
    const aud = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const providers = await this.providers();
    const provider = providers.find((p) => {
      if (p.applicationID !== undefined && !aud.includes(p.applicationID)) return false;
      return normalizeIssuer(p.type === "customJwt" ? p.issuer : p.domain) === iss;
    });
    if (!provider) {
      const known = providers.map((p) => `${p.type === "customJwt" ? p.issuer : p.domain} (aud: ${p.applicationID ?? "any"})`);
      throw new AuthFailure(
        `No auth provider found matching the given token (iss: ${claims.iss}, aud: ${JSON.stringify(claims.aud ?? null)}). ` +
          `Check convex/auth.config.ts; configured providers: ${known.length ? known.join(", ") : "none"}`,
      );
    }
    const keys = provider.type === "customJwt" ? this.keySet(provider.jwks) : await this.oidcKeySet(provider.domain);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: provider.type === "customJwt" ? [provider.algorithm] : ["RS256", "EdDSA"],
        clockTolerance: LEEWAY_SECONDS,
        requiredClaims: ["sub", "iss", "exp"],
      }));
    } catch (error) {
      throw new AuthFailure(`Could not verify token claim: ${error instanceof Error ? error.message : String(error)}. Check that the token signature is valid and the token hasn't expired.`);
    }
    if (typeof payload.iat === "number" && payload.iat > Date.now() / 1000 + LEEWAY_SECONDS) {
      throw new AuthFailure("Token was issued in the future (\"iat\")");
    }
    return {
      identity: provider.type === "customJwt" ? customJwtIdentity(payload) : oidcIdentity(payload),
      expiresAt: payload.exp!,
    };
  }

  private keySet(jwks: string): JWTVerifyGetKey {
    let set = this.keySets.get(jwks);
    if (!set) {
      set = jwks.startsWith("data:") ? createLocalJWKSet(decodeDataUrl(jwks)) : createRemoteJWKSet(new URL(jwks));
      this.keySets.set(jwks, set);
    }
    return set;
  }

  private async oidcKeySet(domain: string): Promise<JWTVerifyGetKey> {
    const issuer = normalizeIssuer(domain);
    let jwksUri = this.discovery.get(issuer);
    if (!jwksUri) {
      jwksUri = (async () => {
        const res = await fetch(`${issuer}/.well-known/openid-configuration`);
        if (!res.ok) throw new AuthFailure(`OpenID discovery for ${issuer} failed with HTTP ${res.status}`);
        const body = (await res.json()) as { jwks_uri?: string };
        if (!body.jwks_uri) throw new AuthFailure(`OpenID discovery for ${issuer} has no jwks_uri`);
        return body.jwks_uri;
      })();
      this.discovery.set(issuer, jwksUri);
      jwksUri.catch(() => this.discovery.delete(issuer));
    }
    return this.keySet(await jwksUri);
  }
}

function decodeDataUrl(url: string): Parameters<typeof createLocalJWKSet>[0] {
  const comma = url.indexOf(",");
  const meta = url.slice(5, comma);
  const data = url.slice(comma + 1);
  const text = meta.endsWith(";base64") ? Buffer.from(data, "base64").toString("utf8") : decodeURIComponent(data);
  return JSON.parse(text) as Parameters<typeof createLocalJWKSet>[0];
}
