import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { html, redirect } from "../../http/respond.ts";
import { ssoSetupPage } from "../../pages/portal.ts";
import { CONNECTION_TYPES, ConnectionInputError, connectionDomains, createConnection, setConnectionState } from "../../provisioning/connections.ts";
import { pageContext } from "./page-context.ts";
import { sessionFor, sessionForForm, type PortalSession } from "./session.ts";

function render(c: Ctx, session: PortalSession, error?: string): Response {
  const { store } = c.var.app;
  const connections = store.connections
    .findBy("organization_id", session.organization.id)
    .map((connection) => ({ connection, domains: connectionDomains(store, connection).map((d) => d.domain) }));
  return html(c, error ? 422 : 200, ssoSetupPage(pageContext(session), connections, CONNECTION_TYPES, error));
}

/** GET /portal/setup/sso: the organization's SSO connections and a form to add one (intent `sso`). */
export function showSsoSetup(c: Ctx): Response {
  const found = sessionFor(c, "sso");
  return found.session ? render(c, found.session) : found.response;
}

/** POST /portal/setup/sso `{ name, connection_type }`: a draft connection, to be activated. */
export async function createConnectionFromPortal(c: Ctx): Promise<Response> {
  const found = await sessionForForm(c, "sso");
  if (!found.session) return found.response;
  const { session, fields } = found;
  const name = typeof fields.name === "string" ? fields.name.trim() : "";
  const connectionType = typeof fields.connection_type === "string" ? fields.connection_type : "";
  if (!name) return render(c, session, "Give the connection a name.");
  if (name.length > 200) return render(c, session, "The name is too long (at most 200 characters).");
  try {
    const connection = createConnection(c.var.app.store, { organizationId: session.organization.id, name, connectionType, state: "draft" });
    note(c, `portal created ${connection.id} for ${session.organization.id}`);
  } catch (error) {
    if (error instanceof ConnectionInputError) return render(c, session, error.message);
    throw error;
  }
  return redirect(c, "/portal/setup/sso", 303);
}

/**
 * POST /portal/setup/sso/activate `{ connection_id }`: activates the connection. WorkOS activates
 * a connection once the IdP's metadata checks out; locally every connection signs in through the
 * Local IdP, so there is nothing to check.
 */
export async function activateConnectionFromPortal(c: Ctx): Promise<Response> {
  const found = await sessionForForm(c, "sso");
  if (!found.session) return found.response;
  const { session, fields } = found;
  const id = typeof fields.connection_id === "string" ? fields.connection_id : "";
  const connection = c.var.app.store.connections.get(id);
  if (!connection || connection.organization_id !== session.organization.id) {
    return render(c, session, `${session.organization.name} has no connection ${id || "(none given)"}: reload the page.`);
  }
  if (connection.state !== "active") setConnectionState(c.var.app.store, id, "active");
  note(c, `portal activated ${id}`);
  return redirect(c, "/portal/setup/sso", 303);
}
