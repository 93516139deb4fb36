import type { Provider } from "./config.ts";

/**
 * Rewrites the providers of an `auth.config.ts` that hard-codes a hosted issuer (the official
 * Convex AuthKit template names `https://api.workos.com`) to a local one: each `from` origin at the
 * start of an issuer, JWKS URL or OIDC domain becomes its `to` origin, path kept. So that template's
 * `convex/` folder accepts the local AuthKit's tokens (`iss` `<local>/user_management/<client>`) and
 * fetches keys from it, unchanged.
 */
export function mapIssuers(providers: Provider[], map: Record<string, string>): Provider[] {
  const entries = Object.entries(map).map(([from, to]) => [from.replace(/\/+$/, ""), to.replace(/\/+$/, "")] as const);
  if (entries.length === 0) return providers;
  const rewrite = (url: string) => {
    for (const [from, to] of entries) {
      if (url === from || url.startsWith(`${from}/`)) return to + url.slice(from.length);
    }
    return url;
  };
  return providers.map((p) => (p.type === "customJwt" ? { ...p, issuer: rewrite(p.issuer), jwks: rewrite(p.jwks) } : { ...p, domain: rewrite(p.domain) }));
}

/** `https://api.workos.com=http://localhost:4100` → `["https://api.workos.com", "http://localhost:4100"]`; both must be http(s) origins. */
export function parseIssuerMapping(text: string): [string, string] {
  const eq = text.indexOf("=");
  const [from, to] = eq === -1 ? [text, ""] : [text.slice(0, eq), text.slice(eq + 1)];
  for (const url of [from, to]) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.pathname.replace(/\/+$/, "") !== "") {
      throw new Error(`--map-issuer expects FROM=TO, two origins like https://api.workos.com=http://localhost:4100; got "${text}"`);
    }
  }
  return [from, to];
}
