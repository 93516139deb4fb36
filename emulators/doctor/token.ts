import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import { authkitIssuers, sameIssuer, type JwtProvider } from "./auth-config.ts";
import { describeNetworkError, fail, pass, probe, warn, type CheckResult } from "./check.ts";
import { WORKOS_API, type Target } from "./inputs.ts";

/** A query every signed-in user may run (convex/users.ts); it answers with the identity Convex saw. */
const ME = makeFunctionReference<"query", Record<string, never>, { subject: string; issuer: string }>("users:me");

export interface TokenContext {
  target: Target;
  /** auth.config.ts's providers, evaluated with the deployment's environment when it could be read. */
  providers: JwtProvider[];
  /** Where those providers come from, in words ("the deployment's environment", …). */
  providersFrom: string;
  /** False when the deployment did not answer: Convex is then not asked. */
  convexReachable: boolean;
  timeoutMs: number;
}

/**
 * What an access token says, and what Convex says about it: the guide's "missing aud claim" and
 * "incorrect client ID" made visible on a real token.
 */
export async function checkToken(token: string, c: TokenContext): Promise<CheckResult[]> {
  let claims: JWTPayload;
  let header: ProtectedHeaderParameters;
  try {
    claims = decodeJwt(token);
    header = decodeProtectedHeader(token);
  } catch (error) {
    return [
      fail(
        "token.decode",
        "The token is a JWT",
        `it is not: ${error instanceof Error ? error.message : String(error)}`,
        "Pass the access token (useAuth().getAccessToken() in the app, or the access_token of POST /user_management/authenticate), not the refresh token.",
      ),
    ];
  }
  const aud = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const results: CheckResult[] = [
    pass(
      "token.decode",
      "The token is a JWT",
      `iss ${claims.iss ?? "(none)"}, sub ${claims.sub ?? "(none)"}, aud ${aud.length ? aud.join(", ") : "(none)"}, kid ${header.kid ?? "(none)"}, ${header.alg ?? "no alg"}`,
    ),
  ];
  const provider = matchProvider(claims, aud, c, results);
  results.push(expiry(claims));
  if (provider) results.push(await keyCheck(provider, header.kid, c.timeoutMs));
  results.push(await convexAccepts(token, c));
  return results;
}

function matchProvider(claims: JWTPayload, aud: string[], c: TokenContext, results: CheckResult[]): JwtProvider | undefined {
  const id = "token.provider";
  const title = "The token matches a provider of convex/auth.config.ts";
  const iss = claims.iss ?? "";
  const byIssuer = c.providers.filter((p) => sameIssuer(p.issuer, iss));
  const listed = c.providers.map((p) => `${p.issuer} (aud ${p.applicationID ?? "not checked"})`).join(", ") || "none";
  if (byIssuer.length === 0) {
    const expected = authkitIssuers(c.target);
    const otherHost = !iss.startsWith(`${c.target.authkitUrl}/`);
    results.push(
      fail(
        id,
        title,
        `iss ${iss || "(none)"} is none of the issuers of auth.config.ts with ${c.providersFrom}: ${listed}`,
        otherHost
          ? `The token comes from another AuthKit host than ${c.target.authkitUrl} (a custom auth domain changes the issuer): set WORKOS_API_URL in Convex to the token's host (npx convex env set WORKOS_API_URL ${originOf(iss)}), or point VITE_WORKOS_API_HOSTNAME at the host Convex trusts.`
          : `The token is for another client than ${c.target.clientId} (expected iss ${expected.defaultTokens}): make VITE_WORKOS_CLIENT_ID and Convex's WORKOS_CLIENT_ID the same client ID (npx convex env set WORKOS_CLIENT_ID ${c.target.clientId}).`,
      ),
    );
    return undefined;
  }
  const accepting = byIssuer.find((p) => p.applicationID === undefined || aud.includes(p.applicationID));
  if (accepting) {
    results.push(pass(id, title, `iss ${iss}${accepting.applicationID ? `, aud ${accepting.applicationID}` : " (this provider does not check aud)"}`));
    return accepting;
  }
  const required = byIssuer.map((p) => p.applicationID).join(" or ");
  results.push(
    fail(
      id,
      title,
      aud.length === 0
        ? `iss ${iss} matches, but that provider requires aud = ${required} and the token has no aud claim (AuthKit's default tokens carry none)`
        : `iss ${iss} matches, but that provider requires aud = ${required} and the token's aud is ${aud.join(", ")}`,
      aud.length === 0
        ? `Add the JWT template {"aud": "${c.target.clientId}"} in the WorkOS dashboard → Authentication → Sessions → JWT template, or remove applicationID from the provider for ${iss} in convex/auth.config.ts (this repository's version has none there), then push with npx convex dev.`
        : `Make Convex's WORKOS_CLIENT_ID the app's client ID: npx convex env set WORKOS_CLIENT_ID ${c.target.clientId}.`,
    ),
  );
  return byIssuer[0];
}

function expiry(claims: JWTPayload): CheckResult {
  const title = "The token has not expired";
  if (typeof claims.exp !== "number") return fail("token.expiry", title, "it has no exp claim, which Convex requires", "Pass an access token issued by AuthKit.");
  const left = claims.exp - Math.floor(Date.now() / 1000);
  const at = new Date(claims.exp * 1000).toISOString();
  return left > 0
    ? pass("token.expiry", title, `expires at ${at} (in ${left} s)`)
    : fail("token.expiry", title, `it expired at ${at}, ${-left} s ago`, "Get a fresh one (access tokens live about 5 minutes) and run the doctor again right away.");
}

async function keyCheck(provider: JwtProvider, kid: string | undefined, timeoutMs: number): Promise<CheckResult> {
  const id = "token.kid";
  const title = "The token's signing key is in the provider's JWKS";
  const answer = await probe(provider.jwks, {}, timeoutMs);
  if (!answer.ok) return warn(id, title, `not checked: ${provider.jwks}: ${answer.reason}`);
  let kids: string[] = [];
  try {
    kids = ((await answer.response.json()) as { keys?: { kid?: string }[] }).keys?.map((k) => k.kid ?? "") ?? [];
  } catch {
    kids = [];
  }
  if (kid !== undefined && kids.includes(kid)) return pass(id, title, `kid ${kid} is in ${provider.jwks}`);
  return fail(
    id,
    title,
    `kid ${kid ?? "(none)"} is not among ${provider.jwks}'s keys (${kids.join(", ") || "none"})`,
    "The token was signed for another WorkOS environment or client: sign in again with the app configured with this client ID, and check that Convex's WORKOS_CLIENT_ID is the same.",
  );
}

async function convexAccepts(token: string, c: TokenContext): Promise<CheckResult> {
  const id = "token.convex";
  const title = "Convex accepts the token";
  if (!c.convexReachable) return warn(id, title, `not checked: ${c.target.convexUrl} did not answer (above)`);
  const client = new ConvexHttpClient(c.target.convexUrl, {
    skipConvexDeploymentUrlCheck: true,
    logger: false,
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(c.timeoutMs) }),
  });
  client.setAuth(token);
  try {
    const me = await client.query(ME, {});
    return pass(id, title, `users:me ran as ${me.issuer}|${me.subject}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/fetch failed|aborted|timeout/i.test(message)) {
      return warn(id, title, `not checked: ${c.target.convexUrl}: ${describeNetworkError(error, c.timeoutMs)}`);
    }
    return fail(
      id,
      title,
      `Convex refused it: ${convexErrorText(message)}`,
      c.target.mode === "local"
        ? "Restart npm run dev: the local stack gives the local Convex the app's WORKOS_CLIENT_ID and WORKOS_API_URL."
        : `The deployment's WORKOS_CLIENT_ID must be ${c.target.clientId}${c.target.authkitUrl === WORKOS_API ? "" : ` and its WORKOS_API_URL ${c.target.authkitUrl}`} (${c.target.selfHosted ? "the local Convex's --env flags" : "npx convex env list shows them"}), and convex/auth.config.ts must be pushed (keep npx convex dev running).`,
    );
  }
}

/** An HTTP API refusal arrives as its JSON body (`{ code, message }`); its message is what to show. */
function convexErrorText(message: string): string {
  try {
    const body = JSON.parse(message) as { code?: string; message?: string };
    if (body.message) return body.code ? `${body.message} (${body.code})` : body.message;
  } catch {
    // Not JSON: a function's own error, shown as it is.
  }
  return message.split("\n")[0] ?? message;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
