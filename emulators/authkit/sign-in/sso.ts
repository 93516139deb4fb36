import type { Ctx } from "../http/context.ts";
import { note } from "../http/context.ts";
import { redirect } from "../http/respond.ts";
import { connectionForDomain, emailDomain } from "../provisioning/connections.ts";
import type { ConnectionRecord } from "../store/connections.ts";
import type { PendingAuthorization } from "./flows.ts";

/** Where the Local IdP's sign-in page for a connection is (areas/idp). */
export function idpUrl(flow: PendingAuthorization, connection: ConnectionRecord): string {
  return `/local-idp/${encodeURIComponent(connection.id)}?${new URLSearchParams({ authorization_session_id: flow.id })}`;
}

/** Sends the sign-in to the connection's identity provider (the Local IdP); the session will belong to the connection's organization. */
export function startSso(c: Ctx, flow: PendingAuthorization, connection: ConnectionRecord, status: 302 | 303): Response {
  flow.step = "sso";
  flow.connectionId = connection.id;
  flow.organizationId = connection.organization_id;
  flow.ssoIdentity = undefined;
  note(c, `SSO through ${connection.id} (${connection.name})`);
  return redirect(c, idpUrl(flow, connection), status);
}

/**
 * The SSO connection an email (or a `domain_hint`) is routed to on this sign-in, if any: an active
 * connection serving its domain. A sign-in bound to another organization is not routed away from it:
 * the session must carry the organization the app asked for.
 */
export function routedConnection(c: Ctx, flow: PendingAuthorization, emailOrDomain: string): ConnectionRecord | undefined {
  const { store } = c.var.app;
  const domain = emailOrDomain.includes("@") ? emailDomain(emailOrDomain) : emailOrDomain;
  const connection = connectionForDomain(store, domain);
  if (!connection) return undefined;
  if (flow.organizationId && flow.organizationId !== connection.organization_id) return undefined;
  return connection;
}

