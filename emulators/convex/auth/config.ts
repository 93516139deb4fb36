import type { AuthConfig } from "convex/server";
import type { ModuleSource } from "../modules.ts";

export type Provider =
  | { type: "customJwt"; issuer: string; jwks: string; algorithm: "RS256" | "ES256"; applicationID?: string }
  | { type: "oidc"; domain: string; applicationID: string };

/** `example.com` → `https://example.com`; trailing slashes do not matter, as in the backend. */
export function normalizeIssuer(value: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  return withScheme.replace(/\/+$/, "");
}

/**
 * Reads `convex/auth.config.ts` (evaluated with the deployment's env vars in process.env).
 * A missing file means no providers: every token is refused, as on a deployment without auth.
 */
export async function loadProviders(modules: ModuleSource): Promise<Provider[]> {
  const mod = await modules.loadOptional("auth.config");
  if (mod === null) return [];
  const config = mod.default as AuthConfig | undefined;
  if (!config || !Array.isArray(config.providers)) {
    throw new Error("convex/auth.config.ts must export default { providers: [...] }");
  }
  return config.providers.map((p, i): Provider => {
    if ("type" in p && p.type === "customJwt") {
      if (!p.issuer || !p.jwks) throw new Error(`auth.config.ts provider ${i}: customJwt needs issuer and jwks`);
      return { type: "customJwt", issuer: p.issuer, jwks: p.jwks, algorithm: p.algorithm, applicationID: p.applicationID };
    }
    const oidc = p as { domain?: string; applicationID?: string };
    if (!oidc.domain || !oidc.applicationID) throw new Error(`auth.config.ts provider ${i}: needs domain and applicationID`);
    return { type: "oidc", domain: oidc.domain, applicationID: oidc.applicationID };
  });
}
