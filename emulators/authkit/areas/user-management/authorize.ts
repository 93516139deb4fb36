import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { BROWSER_COOKIE, readCookie, setBrowserCookie } from "../../http/cookies.ts";
import { HttpError } from "../../http/errors.ts";
import { redirect } from "../../http/respond.ts";
import { secretToken } from "../../ids.ts";

const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43,128}$/;

function problem(description: string): HttpError {
  return new HttpError(400, "invalid_request", description);
}

/**
 * GET /user_management/authorize: checks the request the way WorkOS does and starts a hosted
 * sign-in. Nothing here redirects to a URI that is not registered: every problem is a page.
 */
export function authorize(c: Ctx): Response {
  const { config, store, flows } = c.var.app;
  const q = new URL(c.req.url).searchParams;
  const clientId = q.get("client_id");
  if (!clientId) throw problem("`client_id` is missing. The app must pass its WorkOS client ID.");
  if (clientId !== config.clientId) {
    throw problem(`Unknown client_id "${clientId}": this Local AuthKit serves "${config.clientId}". Set VITE_WORKOS_CLIENT_ID (or start it with --client-id ${clientId}).`);
  }
  const redirectUri = q.get("redirect_uri");
  if (!redirectUri) throw problem("`redirect_uri` is missing.");
  if (!config.redirectUris.includes(redirectUri)) {
    throw problem(`redirect_uri "${redirectUri}" is not registered (exact match). Registered: ${config.redirectUris.join(", ")}. Add it with --redirect-uri, as in the WorkOS dashboard's Redirects.`);
  }
  const responseType = q.get("response_type");
  if (responseType !== "code") throw problem(`response_type must be "code", got "${responseType ?? ""}".`);
  const provider = q.get("provider");
  if (q.get("connection_id") || q.get("domain_hint")) {
    throw problem("SSO connections (connection_id, domain_hint) are not emulated by the Local AuthKit: use provider=authkit.");
  }
  // Without a provider WorkOS does not show AuthKit: organization_id alone starts that
  // organization's SSO, and with neither the request is incomplete. authkit-js always sends one.
  if (!provider) throw problem("`provider` is missing: AuthKit's pages open only for provider=authkit (authkit-js sends it by default).");
  if (provider !== "authkit") {
    throw problem(`provider "${provider}" is not emulated: the Local AuthKit supports provider=authkit (email and password) only.`);
  }
  // Ignoring these would sign the user in without accepting the invitation or resetting the
  // password, which works here and then behaves differently on WorkOS.
  if (q.get("invitation_token")) {
    throw problem("Invitations (invitation_token) are not emulated by the Local AuthKit: add the membership through POST /_local/memberships and sign in without it.");
  }
  if (q.get("password_reset_token")) {
    throw problem("password_reset_token is not emulated by the Local AuthKit: use \"Forgot password?\" on its sign-in page instead.");
  }
  const screenHintParam = q.get("screen_hint");
  // WorkOS documents only these two values; anything else is refused rather than guessed at.
  if (screenHintParam !== null && screenHintParam !== "sign-in" && screenHintParam !== "sign-up") {
    throw problem(`screen_hint must be "sign-in" or "sign-up", got "${screenHintParam}".`);
  }
  const codeChallenge = q.get("code_challenge");
  if (!codeChallenge) throw problem("`code_challenge` is missing: the Local AuthKit requires PKCE, as public (browser) clients must.");
  if (q.get("code_challenge_method") !== "S256") throw problem('`code_challenge_method` must be "S256".');
  if (!PKCE_CHALLENGE.test(codeChallenge)) throw problem("`code_challenge` is not a base64url SHA-256 challenge (43–128 characters).");
  const organizationId = q.get("organization_id") || undefined;
  if (organizationId && !store.organization(organizationId)) {
    throw problem(`Organization "${organizationId}" does not exist. Create it through POST /_local/organizations or fix organization_id.`);
  }
  const screenHint = screenHintParam === "sign-up" ? "sign-up" : "sign-in";

  let browserId = readCookie(c, BROWSER_COOKIE);
  if (!browserId || browserId.length < 20) {
    browserId = secretToken(18);
    setBrowserCookie(c, browserId);
  }
  const flow = flows.start({
    browserId,
    redirectUri,
    state: q.get("state") ?? undefined,
    codeChallenge,
    screenHint,
    loginHint: q.get("login_hint") || undefined,
    organizationId,
  });
  const page = screenHint === "sign-up" ? "/sign-up" : "/sign-in";
  return redirect(c, `${page}?${new URLSearchParams({ authorization_session_id: flow.id })}`);
}

/** The hosted domain's root, like AuthKit's: a sign-in has to start at the app. */
export function root(c: Ctx): Response {
  const { signInEndpoint } = c.var.app.config;
  note(c, `no sign-in in progress: sent to the sign-in endpoint ${signInEndpoint}`);
  return redirect(c, signInEndpoint);
}
