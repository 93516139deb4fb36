import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { html, redirect } from "../../http/respond.ts";
import { idpSignInPage } from "../../pages/idp.ts";
import { connectionDomains } from "../../provisioning/connections.ts";
import type { PendingAuthorization } from "../../sign-in/flows.ts";
import { flowForForm, flowForPage, stepUrl, text } from "../../sign-in/forms.ts";
import type { ConnectionRecord } from "../../store/connections.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The connection this IdP page is for, when the sign-in was sent here for it. */
function connectionFor(c: Ctx, flow: PendingAuthorization): ConnectionRecord | undefined {
  const id = c.req.param("connectionId") ?? "";
  if (flow.step !== "sso" || flow.connectionId !== id) return undefined;
  const connection = c.var.app.store.connections.get(id);
  return connection?.state === "active" ? connection : undefined;
}

function page(c: Ctx, flow: PendingAuthorization, connection: ConnectionRecord, status: 200 | 400, o: { email?: string; error?: string } = {}): Response {
  const { store } = c.var.app;
  const identities = store.ssoProfiles
    .findBy("connection_id", connection.id)
    .map((p) => ({ email: p.email, name: [p.first_name, p.last_name].filter(Boolean).join(" ") || null }));
  return html(
    c,
    status,
    idpSignInPage(flow, {
      action: `/local-idp/${encodeURIComponent(connection.id)}`,
      connectionName: connection.name,
      organizationName: store.organization(connection.organization_id)?.name ?? connection.organization_id,
      domains: connectionDomains(store, connection).map((d) => d.domain),
      identities,
      ...o,
    }),
  );
}

// A sign-in that is not (or no longer) at this connection's IdP: back to AuthKit's first step.
const backToSignIn = (c: Ctx, flow: PendingAuthorization, status: 302 | 303) => redirect(c, stepUrl("/sign-in", flow), status);

/** GET /local-idp/<connectionId>: who signs in at the organization's identity provider. */
export function showIdpSignIn(c: Ctx): Response {
  const opened = flowForPage(c);
  if (!opened.flow) return opened.response;
  const connection = connectionFor(c, opened.flow);
  return connection ? page(c, opened.flow, connection, 200, { email: opened.flow.loginHint ?? opened.flow.email }) : backToSignIn(c, opened.flow, 302);
}

/**
 * POST /local-idp/<connectionId>: the IdP asserts the identity and returns to AuthKit's SSO
 * callback, as a SAML or OIDC provider would. It asserts any email: whether the organization
 * accepts it is AuthKit's decision, made at the callback.
 */
export async function idpSignIn(c: Ctx): Promise<Response> {
  const posted = await flowForForm(c);
  if (!posted.flow) return posted.response;
  const { flow, fields } = posted;
  const connection = connectionFor(c, flow);
  if (!connection) return backToSignIn(c, flow, 303);
  const email = text(fields, "email").toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) return page(c, flow, connection, 400, { email, error: "Enter the identity's email address, e.g. dana@acme.test." });
  const firstName = text(fields, "first_name").slice(0, 100) || null;
  const lastName = text(fields, "last_name").slice(0, 100) || null;
  flow.ssoIdentity = { email, firstName, lastName };
  note(c, `Local IdP asserted ${email} for ${connection.id}`);
  return redirect(c, stepUrl("/sso/callback", flow), 303);
}
