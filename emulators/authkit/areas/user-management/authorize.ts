import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { BROWSER_COOKIE, readCookie, setBrowserCookie } from "../../http/cookies.ts";
import { HttpError } from "../../http/errors.ts";
import { redirect } from "../../http/respond.ts";
import { secretToken } from "../../ids.ts";
import { activeConnectionOf } from "../../provisioning/connections.ts";
import { errorRedirect } from "../../sign-in/error-redirect.ts";
import { routedConnection, startSso } from "../../sign-in/sso.ts";
import type { ConnectionRecord } from "../../store/connections.ts";
import type { InvitationRecord } from "../../store/invitations.ts";
import { findUsableInvitation } from "../../provisioning/invitations.ts";
import { invitationUnusable } from "../../sign-in/invitation.ts";

const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43,128}$/;

function problem(description: string): HttpError {
  return new HttpError(400, "invalid_request", description);
}

// WorkOS's OAuth providers (SPEC's `provider` enum besides authkit): social login, not emulated here.
const OAUTH_PROVIDERS = new Set(["AppleOAuth", "GitHubOAuth", "GoogleOAuth", "MicrosoftOAuth"]);

/**
 * GET /user_management/authorize: checks the request the way WorkOS does and starts a hosted
 * sign-in, or an SSO sign-in at the connection's identity provider. A problem with client_id or
 * redirect_uri (and a malformed request) is a page: nothing redirects to a URI that is not
 * registered. Once redirect_uri is known good, what WorkOS documents as an authorization error
 * (`organization_invalid`, `connection_invalid`, `invalid_connection_selector`) goes back to it as
 * `error`, `error_description` and `state`.
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
  const screenHintParam = q.get("screen_hint");
  // WorkOS documents only these two values; anything else is refused rather than guessed at.
  if (screenHintParam !== null && screenHintParam !== "sign-in" && screenHintParam !== "sign-up") {
    throw problem(`screen_hint must be "sign-in" or "sign-up", got "${screenHintParam}".`);
  }
  const codeChallenge = q.get("code_challenge");
  if (!codeChallenge) throw problem("`code_challenge` is missing: the Local AuthKit requires PKCE, as public (browser) clients must.");
  if (q.get("code_challenge_method") !== "S256") throw problem('`code_challenge_method` must be "S256".');
  if (!PKCE_CHALLENGE.test(codeChallenge)) throw problem("`code_challenge` is not a base64url SHA-256 challenge (43–128 characters).");
  // Ignoring this would sign the user in without resetting the password, which works here and then behaves differently on WorkOS.
  if (q.get("password_reset_token")) {
    throw problem("password_reset_token is not emulated by the Local AuthKit: use \"Forgot password?\" on its sign-in page instead.");
  }

  const state = q.get("state") ?? undefined;
  const fail = (error: string, description: string) => errorRedirect(c, { redirectUri, state }, error, description);
  const provider = q.get("provider") || undefined;
  const connectionId = q.get("connection_id") || undefined;
  const organizationId = q.get("organization_id") || undefined;
  const domainHint = q.get("domain_hint")?.trim().toLowerCase() || undefined;

  // The connection selectors are mutually exclusive (WorkOS's docs); provider=authkit with
  // organization_id is AuthKit's own organization-scoped sign-in, which authkit-js sends.
  if (connectionId && (provider || organizationId)) {
    return fail("invalid_connection_selector", "connection_id cannot be combined with provider or organization_id: pass exactly one connection selector.");
  }
  if (!provider && !connectionId && !organizationId) {
    return fail(
      "invalid_connection_selector",
      "A connection selector is missing: pass provider=authkit (AuthKit's pages; authkit-js sends it), connection_id or organization_id.",
    );
  }
  if (provider && provider !== "authkit") {
    return OAUTH_PROVIDERS.has(provider)
      ? fail("connection_invalid", `provider ${provider}: social login is not emulated by the Local AuthKit, so there is no ${provider} connection. Use provider=authkit.`)
      : fail("invalid_connection_selector", `provider "${provider}" is not a WorkOS provider: use provider=authkit.`);
  }
  if (screenHintParam !== null && provider !== "authkit") {
    return fail("invalid_request", "screen_hint is only valid with provider=authkit.");
  }
  if (organizationId && !store.organization(organizationId)) {
    return fail("organization_invalid", `Organization "${organizationId}" does not exist. Create it (POST /_local/organizations) or fix organization_id.`);
  }
  // An invitation link that cannot be used is refused on a page, never silently ignored: signing in
  // without accepting it would work here and then differ on WorkOS.
  const invitationToken = q.get("invitation_token") || undefined;
  let invitation: InvitationRecord | undefined;
  if (invitationToken) {
    const found = findUsableInvitation(store, invitationToken);
    if (!found.ok) throw invitationUnusable(found.reason);
    invitation = found.invitation;
    if (organizationId && invitation.organization_id && organizationId !== invitation.organization_id) {
      throw new HttpError(400, "invitation_invalid", `This invitation is to organization ${invitation.organization_id}, not ${organizationId}: open its link without organization_id.`);
    }
  }
  const boundOrganization = organizationId ?? invitation?.organization_id ?? undefined;
  let connection: ConnectionRecord | undefined;
  if (connectionId) {
    connection = store.connections.get(connectionId);
    if (!connection) return fail("connection_invalid", `Connection "${connectionId}" does not exist.`);
    if (connection.state !== "active") {
      return fail("connection_invalid", `Connection "${connectionId}" is ${connection.state}, not active: activate it (PUT /_local/connections/${connectionId} {"state":"active"}).`);
    }
  } else if (organizationId) {
    connection = activeConnectionOf(store, organizationId);
    // Without provider=authkit, organization_id means that organization's SSO, and it has none.
    if (!connection && !provider) return fail("organization_invalid", `No active SSO connection is associated with organization ${organizationId}.`);
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
    state,
    codeChallenge,
    screenHint,
    loginHint: q.get("login_hint") || invitation?.email,
    organizationId: boundOrganization,
    invitationId: invitation?.id,
  });
  // domain_hint is routed like the domain of a typed email: to its organization's active
  // connection when it has one, else AuthKit's pages (WorkOS leaves the rest unsaid).
  connection ??= domainHint ? routedConnection(c, flow, domainHint) : undefined;
  // An invitation's email is routed as if typed: to SSO only when its organization's connection serves its domain.
  connection ??= invitation ? routedConnection(c, flow, invitation.email) : undefined;
  if (connection) return startSso(c, flow, connection, 302);
  const page = screenHint === "sign-up" ? "/sign-up" : "/sign-in";
  return redirect(c, `${page}?${new URLSearchParams({ authorization_session_id: flow.id })}`);
}

/** The hosted domain's root, like AuthKit's: a sign-in has to start at the app. */
export function root(c: Ctx): Response {
  const { signInEndpoint } = c.var.app.config;
  note(c, `no sign-in in progress: sent to the sign-in endpoint ${signInEndpoint}`);
  return redirect(c, signInEndpoint);
}
