import { createHash, randomBytes } from "node:crypto";
import { fail, pass, probe, warn, type CheckResult } from "./check.ts";
import type { Target } from "./inputs.ts";

// Where WorkOS sends a browser whose authorize request has a redirect URI it does not know.
const WORKOS_ERROR_PAGE = /error\.workos\.com|redirect-uri-invalid/;

/** The AuthKit API the app signs in with: its keys, its CORS allow list, and its redirect URIs. */
export async function checkWorkOS(target: Target, timeoutMs: number): Promise<CheckResult[]> {
  const jwks = await checkJwks(target, timeoutMs);
  if (jwks.reachable === false) {
    const skipped = (id: string, title: string) => warn(id, title, `not checked: ${target.authkitUrl} did not answer (above)`);
    return [jwks.result, skipped("workos.cors", CORS_TITLE), skipped("workos.authorize", AUTHORIZE_TITLE), skipped("workos.sign-in-endpoint", SIGN_IN_TITLE)];
  }
  const cors = await checkCors(target, timeoutMs);
  const authorize = await checkAuthorize(target, timeoutMs);
  const signIn = authorize.hostedOrigin
    ? await checkSignInEndpoint(target, authorize.hostedOrigin, timeoutMs)
    : warn("workos.sign-in-endpoint", SIGN_IN_TITLE, "not checked: the authorize request did not reach AuthKit's hosted pages (above)");
  return [jwks.result, cors, authorize.result, signIn];
}

const JWKS_TITLE = "AuthKit publishes the keys Convex verifies tokens with";
const CORS_TITLE = "AuthKit lets the app's origin exchange the sign-in code (CORS)";
const AUTHORIZE_TITLE = "AuthKit accepts the redirect URI";
const SIGN_IN_TITLE = "AuthKit sends sign-ins that start on its pages to the app's /sign-in";

/** Says, for a service that did not answer, what that means and what to do. */
export function unreachable(target: Target, what: "authkit" | "convex", url: string, reason: string): string {
  if (target.mode === "local") {
    const name = what === "authkit" ? "local AuthKit" : "local Convex";
    return `the ${name} is not running at ${url}: ${reason}`;
  }
  return `cannot reach ${url}: ${reason}`;
}

async function checkJwks(target: Target, timeoutMs: number): Promise<{ reachable: boolean; result: CheckResult }> {
  const id = "workos.jwks";
  const url = `${target.authkitUrl}/sso/jwks/${target.clientId}`;
  const answer = await probe(url, {}, timeoutMs);
  if (!answer.ok) {
    const fix =
      target.mode === "local"
        ? "Start the local stack with npm run dev (it starts the local AuthKit and Convex with the app), then run the doctor again."
        : "Check VITE_WORKOS_API_HOSTNAME / VITE_WORKOS_API_PORT / VITE_WORKOS_API_HTTPS and your network: the browser could not sign in either.";
    return { reachable: false, result: fail(id, JWKS_TITLE, unreachable(target, "authkit", target.authkitUrl, answer.reason), fix) };
  }
  const { response } = answer;
  const body = await response.text();
  if (response.status === 200) {
    const keys = parseKeys(body);
    if (keys.length > 0) return { reachable: true, result: pass(id, JWKS_TITLE, `${url}: ${keys.length} key${keys.length === 1 ? "" : "s"} (kid ${keys.join(", ")})`) };
    return { reachable: true, result: fail(id, JWKS_TITLE, `${url} answered 200 without keys`, "Check that VITE_WORKOS_API_HOSTNAME points at WorkOS or your custom auth domain, not another site.") };
  }
  return {
    reachable: true,
    result: fail(
      id,
      JWKS_TITLE,
      `${url} answered ${response.status}${describeError(body)}: ${target.authkitUrl} has no client ${target.clientId}`,
      target.mode === "local"
        ? "Restart npm run dev: the local AuthKit it starts serves client_local."
        : "Copy the Client ID of the WorkOS environment you use (dashboard → API Keys; staging and production differ) into VITE_WORKOS_CLIENT_ID, and the same into Convex: npx convex env set WORKOS_CLIENT_ID <client ID>.",
    ),
  };
}

async function checkCors(target: Target, timeoutMs: number): Promise<CheckResult> {
  const id = "workos.cors";
  const answer = await probe(
    `${target.authkitUrl}/user_management/authenticate`,
    { method: "OPTIONS", headers: { Origin: target.appOrigin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" } },
    timeoutMs,
  );
  if (!answer.ok) return warn(id, CORS_TITLE, `not checked: ${unreachable(target, "authkit", target.authkitUrl, answer.reason)}`);
  const allowed = answer.response.headers.get("access-control-allow-origin");
  if (allowed === target.appOrigin || allowed === "*") {
    return pass(id, CORS_TITLE, `preflight of POST /user_management/authenticate from ${target.appOrigin}: allowed`);
  }
  return fail(
    id,
    CORS_TITLE,
    `preflight of POST /user_management/authenticate from ${target.appOrigin}: refused (${answer.response.status}, no Access-Control-Allow-Origin for it), so the browser blocks the code exchange after sign-in`,
    target.mode === "local"
      ? `Restart npm run dev (it registers ${target.appOrigin}); a local AuthKit started by hand needs --cors-origin ${target.appOrigin}.`
      : `Add ${target.appOrigin} under Authentication → Sessions → Cross-Origin Resource Sharing (CORS) in the WorkOS dashboard.`,
  );
}

async function checkAuthorize(target: Target, timeoutMs: number): Promise<{ result: CheckResult; hostedOrigin?: string }> {
  const id = "workos.authorize";
  // The request authkit-js makes when the app calls signIn(): a throwaway PKCE pair, nothing is exchanged.
  const challenge = createHash("sha256").update(randomBytes(32).toString("base64url")).digest("base64url");
  const query = new URLSearchParams({
    client_id: target.clientId,
    redirect_uri: target.redirectUri,
    response_type: "code",
    provider: "authkit",
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  const answer = await probe(`${target.authkitUrl}/user_management/authorize?${query}`, {}, timeoutMs);
  if (!answer.ok) return { result: warn(id, AUTHORIZE_TITLE, `not checked: ${unreachable(target, "authkit", target.authkitUrl, answer.reason)}`) };
  const { response } = answer;
  const location = response.headers.get("location") ?? "";
  const fix =
    target.mode === "local"
      ? `Restart npm run dev (it registers ${target.redirectUri}); a local AuthKit started by hand needs --redirect-uri ${target.redirectUri}.`
      : `Add ${target.redirectUri} under Redirects → Redirect URIs in the WorkOS dashboard (it must match exactly), or change VITE_WORKOS_REDIRECT_URI to one registered there.`;
  if (response.status >= 300 && response.status < 400 && !WORKOS_ERROR_PAGE.test(location)) {
    return {
      result: pass(id, AUTHORIZE_TITLE, `authorize with redirect_uri ${target.redirectUri}: sent on to the sign-in page`),
      // The hosted pages may live on another domain than the API (WorkOS's <name>.authkit.app).
      hostedOrigin: new URL(location, target.authkitUrl).origin,
    };
  }
  if (WORKOS_ERROR_PAGE.test(location)) {
    return { result: fail(id, AUTHORIZE_TITLE, `authorize with redirect_uri ${target.redirectUri}: sent to WorkOS's error page ${location}`, fix) };
  }
  const text = pageText(await response.text());
  return { result: fail(id, AUTHORIZE_TITLE, `authorize with redirect_uri ${target.redirectUri}: ${response.status}${text ? ` "${text}"` : ""}`, fix) };
}

/**
 * Opening the hosted sign-in page with no sign-in in progress (a bookmark, an invitation, a
 * password reset) sends the browser to the sign-in endpoint, so the app can start the PKCE flow.
 */
async function checkSignInEndpoint(target: Target, hostedOrigin: string, timeoutMs: number): Promise<CheckResult> {
  const id = "workos.sign-in-endpoint";
  const expected = `${target.appOrigin}/sign-in`;
  const answer = await probe(`${hostedOrigin}/`, {}, timeoutMs);
  if (!answer.ok) return warn(id, SIGN_IN_TITLE, `not checked: ${hostedOrigin}: ${answer.reason}`);
  const location = answer.response.headers.get("location");
  const fix =
    target.mode === "local"
      ? `Restart npm run dev (it registers ${expected}); a local AuthKit started by hand needs --sign-in-endpoint ${expected}.`
      : `Set Redirects → Sign-in endpoint to ${expected} in the WorkOS dashboard.`;
  if (location === null) {
    return warn(id, SIGN_IN_TITLE, `${hostedOrigin}/ answered ${answer.response.status} instead of sending the browser to the app`, fix);
  }
  const sentTo = new URL(location, hostedOrigin);
  if (sentTo.origin + sentTo.pathname === expected) return pass(id, SIGN_IN_TITLE, `${hostedOrigin}/ sends the browser to ${expected}`);
  // A redirect within AuthKit's own domain says nothing about the app's endpoint either way.
  if (sentTo.origin === hostedOrigin) return warn(id, SIGN_IN_TITLE, `not confirmed: ${hostedOrigin}/ sends the browser to ${sentTo.href}`, fix);
  return fail(id, SIGN_IN_TITLE, `${hostedOrigin}/ sends the browser to ${sentTo.origin + sentTo.pathname}, not ${expected}`, fix);
}

function parseKeys(body: string): string[] {
  try {
    const keys = (JSON.parse(body) as { keys?: { kid?: string }[] }).keys;
    return Array.isArray(keys) ? keys.map((k) => k.kid ?? "(no kid)") : [];
  } catch {
    return [];
  }
}

function describeError(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error_description?: string; message?: string };
    const text = parsed.error_description ?? parsed.message;
    return text ? ` "${text}"` : "";
  } catch {
    return "";
  }
}

/** The words of an error page, without its markup, short enough for one line. */
function pageText(html: string): string {
  const main = /<main[\s\S]*?<\/main>/i.exec(html)?.[0] ?? html;
  const text = main.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, " ").replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}
