import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { notFound } from "../../http/errors.ts";
import { listPage, listParams } from "../../http/list.ts";
import { connectionDomains, deleteConnection } from "../../provisioning/connections.ts";
import { normalizeDomain } from "../../store/organization-domains.ts";
import type { Store } from "../../store.ts";
import { connectionResponse, type ConnectionRecord } from "../../store/connections.ts";

export function toWire(store: Store) {
  return (connection: ConnectionRecord) => connectionResponse(connection, connectionDomains(store, connection));
}

/**
 * GET /connections: `organization_id`, `connection_type` and `domain` match exactly (the domain in
 * any letter case, against the domains the connection serves); `search` matches the name, case
 * folded, anywhere in it. WorkOS documents no more about `search`, so this is the narrow reading.
 */
export function listConnections(c: Ctx): Response {
  const { store } = c.var.app;
  const params = listParams(c);
  const organizationId = c.req.query("organization_id") || undefined;
  const connectionType = c.req.query("connection_type") || undefined;
  const domain = c.req.query("domain") ? normalizeDomain(c.req.query("domain")!) : undefined;
  const search = c.req.query("search")?.trim().toLowerCase() || undefined;
  const records = (organizationId ? store.connections.findBy("organization_id", organizationId) : store.connections.list()).filter(
    (connection) =>
      (!connectionType || connection.connection_type === connectionType) &&
      (!domain || connectionDomains(store, connection).some((d) => d.domain === domain)) &&
      (!search || connection.name.toLowerCase().includes(search)),
  );
  return c.json(listPage(records, params, toWire(store)));
}

export function getConnection(c: Ctx): Response {
  const id = c.req.param("id")!;
  const { store } = c.var.app;
  const connection = store.connections.get(id);
  if (!connection) throw notFound("Connection", id);
  return c.json(toWire(store)(connection));
}

/**
 * DELETE /connections/<id>: 204 with no body (WorkOS's reference answers Delete a Connection with no content). The SSO profiles made through it go
 * too; the users and memberships it provisioned stay (they are the organization's now).
 */
export function removeConnection(c: Ctx): Response {
  const id = c.req.param("id")!;
  const gone = deleteConnection(c.var.app.store, id);
  if (!gone) throw notFound("Connection", id);
  note(c, `deleted ${id}`);
  return c.body(null, 204);
}
