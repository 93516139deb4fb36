import { createHash } from "node:crypto";
import { sameSecret } from "../../../shared/secrets.ts";
import type { App } from "../../app.ts";
import type { SessionRecord, UserRecord } from "../../data.ts";
import { userResponse } from "../../data.ts";
import { optionalString, readFields, requiredString, type Fields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { REFRESH_COOKIE, readCookie, setSessionCookies } from "../../http/cookies.ts";
import { HttpError, badRequest, invalidClient, invalidGrant } from "../../http/errors.ts";
import type { AccessTokenClaims } from "../../tokens.ts";

function pkceMatches(verifier: string, challenge: string): boolean {
  return sameSecret(createHash("sha256").update(verifier).digest("base64url"), challenge);
}

function claimsFor(app: App, session: SessionRecord): AccessTokenClaims {
  const claims: AccessTokenClaims = { sub: session.user_id, sid: session.id };
  const membership = session.organization_id ? app.store.membership(session.user_id, session.organization_id) : undefined;
  if (session.organization_id && membership) {
    const role = app.store.role(membership.role);
    claims.org_id = session.organization_id;
    claims.role = membership.role;
    claims.roles = [membership.role];
    claims.permissions = role?.permissions ?? [];
  }
  return claims;
}

/** The WorkOS authentication response, with the session's new refresh token (and the cookies for cookie mode). */
async function respond(c: Ctx, session: SessionRecord, user: UserRecord, refreshToken: string): Promise<Response> {
  const { config, signer } = c.var.app;
  const accessToken = await signer.sign(claimsFor(c.var.app, session), config.issuer, config.accessTokenTtlSeconds);
  setSessionCookies(c, refreshToken, config.clientId);
  return c.json({
    user: userResponse(user),
    ...(session.organization_id && { organization_id: session.organization_id }),
    access_token: accessToken,
    refresh_token: refreshToken,
    authentication_method: session.authentication_method,
  });
}

async function withAuthorizationCode(c: Ctx, fields: Fields): Promise<Response> {
  const { flows, store, config } = c.var.app;
  const code = requiredString(fields, "code");
  const verifier = optionalString(fields, "code_verifier");
  const redirectUri = optionalString(fields, "redirect_uri");
  const record = flows.takeCode(code);
  if (!record) throw invalidGrant("The code is invalid, expired or already used. Codes are single-use and expire after 10 minutes: sign in again.");
  if (record.clientId !== config.clientId) throw invalidGrant("The code was issued to another client.");
  if (redirectUri !== undefined && redirectUri !== record.redirectUri) {
    throw invalidGrant(`The code was issued for redirect_uri ${record.redirectUri}, not ${redirectUri}.`);
  }
  if (!verifier) throw invalidGrant("`code_verifier` is missing: this code was issued with a PKCE challenge. The code is now spent: sign in again.");
  if (!pkceMatches(verifier, record.codeChallenge)) {
    throw invalidGrant("The code_verifier does not match the code_challenge of the authorization request. The code is now spent: sign in again.");
  }
  const user = store.user(record.userId);
  if (!user) throw invalidGrant("The user of this code no longer exists.");
  const { session, refreshToken } = store.atomically(() => {
    const created = store.createSession(user.id, record.organizationId, record.authenticationMethod);
    return { session: created, refreshToken: store.issueRefreshToken(created.id) };
  });
  note(c, `code exchanged: ${user.email}, ${session.id}`);
  return respond(c, session, user, refreshToken);
}

async function withRefreshToken(c: Ctx, fields: Fields): Promise<Response> {
  const { store } = c.var.app;
  const fromBody = optionalString(fields, "refresh_token");
  const token = fromBody ?? readCookie(c, REFRESH_COOKIE);
  if (!token) {
    throw badRequest(
      "Missing refresh token: send `refresh_token` in the body (dev mode) or the httpOnly refresh cookie with credentials: \"include\" (production mode). A cookie needs this origin in the CORS allow list.",
    );
  }
  const organizationId = optionalString(fields, "organization_id");
  let switched = false;
  // One save for the whole rotation: if it (or a check in it) fails nothing changed, and the
  // client's retry with the same refresh token still works.
  const rotation = store.rotateRefreshToken(token, (session, user) => {
    if (organizationId && organizationId !== session.organization_id) {
      if (!store.organization(organizationId)) throw invalidGrant(`Organization "${organizationId}" does not exist.`);
      if (!store.membership(user.id, organizationId)) throw invalidGrant(`${user.email} is not a member of organization ${organizationId}.`);
      store.setSessionOrganization(session.id, organizationId);
      switched = true;
    } else if (session.organization_id && !store.membership(user.id, session.organization_id)) {
      // The membership was removed since sign-in: the session goes on without an organization.
      store.setSessionOrganization(session.id, null);
    }
  });
  if (rotation.status === "replay-revoked") note(c, `refresh token reuse: ${rotation.sessionId} ended`);
  if (rotation.status !== "ok" && rotation.status !== "replay-in-grace") throw invalidGrant(rotation.reason);
  const session = store.session(rotation.session.id)!;
  if (switched) note(c, `${session.id} switched to ${organizationId}`);
  const replay = rotation.status === "replay-in-grace" ? ", a replay within the grace period: answered with the current token" : "";
  note(c, `refreshed ${session.id} (${fromBody ? "body" : "cookie"}${replay})`);
  return respond(c, session, rotation.user, rotation.refreshToken);
}

/** POST /user_management/authenticate: the code exchange and the refresh, as WorkOS answers them. */
export async function authenticate(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const clientId = optionalString(fields, "client_id");
  if (!clientId) throw badRequest("`client_id` is required.");
  if (clientId !== c.var.app.config.clientId) {
    throw invalidClient(`Unknown client_id "${clientId}": this Local AuthKit serves "${c.var.app.config.clientId}".`);
  }
  // A missing parameter is invalid_request; only a grant type the server does not know is unsupported_grant_type (RFC 6749 §5.2).
  const grantType = requiredString(fields, "grant_type");
  if (grantType === "authorization_code") return withAuthorizationCode(c, fields);
  if (grantType === "refresh_token") return withRefreshToken(c, fields);
  throw new HttpError(400, "unsupported_grant_type", `grant_type "${grantType}" is not supported here: use authorization_code or refresh_token.`);
}
