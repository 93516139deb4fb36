import type { ConnectionResponse, ConnectionType } from "@workos-inc/node";
import { defineCollection } from "./collection.ts";

/** WorkOS's connection states (SPEC `Connection.state`). Only an `active` connection signs anyone in. */
export const CONNECTION_STATES = ["draft", "active", "inactive", "validating"] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface ConnectionDomainRecord {
  id: string;
  /** Lower-cased. */
  domain: string;
}

/** An SSO connection of one organization; its identity provider is the Local IdP (areas/idp). */
export interface ConnectionRecord {
  id: string;
  organization_id: string;
  name: string;
  /** A WorkOS connection type, e.g. "GenericSAML" or "OktaSAML"; here only a label, every one signs in through the Local IdP. */
  connection_type: ConnectionType;
  state: ConnectionState;
  /**
   * Domains given to this connection itself (the legacy per-connection list). The domains the
   * connection serves are these plus its organization's verified domains (see provisioning/connections.ts).
   */
  domains: ConnectionDomainRecord[];
  created_at: string;
  updated_at: string;
}

export const connections = defineCollection<ConnectionRecord>()({
  name: "connections",
  key: (connection) => connection.id,
  indexes: { organization_id: { of: (connection) => connection.organization_id } },
});

/** The WorkOS `connection` object, given the domains it serves. */
export function connectionResponse(connection: ConnectionRecord, domains: ConnectionDomainRecord[]): ConnectionResponse {
  return {
    object: "connection",
    id: connection.id,
    organization_id: connection.organization_id,
    name: connection.name,
    connection_type: connection.connection_type,
    state: connection.state,
    domains: domains.map((d) => ({ object: "connection_domain", id: d.id, domain: d.domain })),
    created_at: connection.created_at,
    updated_at: connection.updated_at,
  };
}
