import { ConnectionType } from "@workos-inc/node";
import { newId } from "../ids.ts";
import type { Store } from "../store.ts";
import type { ConnectionDomainRecord, ConnectionRecord, ConnectionState } from "../store/connections.ts";
import { CONNECTION_STATES } from "../store/connections.ts";
import { normalizeDomain } from "../store/organization-domains.ts";
import { domainsOf, organizationForVerifiedDomain } from "./domains.ts";

export const CONNECTION_TYPES: readonly string[] = Object.values(ConnectionType);

/** Why a connection could not be made: `field` names the input at fault. */
export class ConnectionInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "ConnectionInputError";
  }
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;


/** The organization's verified domains (organization domains belong to provisioning/domains.ts). */
function verifiedOrganizationDomains(store: Store, organizationId: string): ConnectionDomainRecord[] {
  return domainsOf(store, organizationId)
    .filter((d) => d.state === "verified" || d.state === "legacy_verified")
    .map((d) => ({ id: d.id, domain: d.domain }));
}

/** The domains a connection serves: its organization's verified domains, then its own (each once). */
export function connectionDomains(store: Store, connection: ConnectionRecord): ConnectionDomainRecord[] {
  const all = [...verifiedOrganizationDomains(store, connection.organization_id), ...connection.domains];
  const seen = new Set<string>();
  return all.filter((d) => !seen.has(d.domain) && seen.add(d.domain));
}

/** The organization's active connection, if it has one (the first made, when several are active). */
export function activeConnectionOf(store: Store, organizationId: string): ConnectionRecord | undefined {
  return store.connections.findBy("organization_id", organizationId).find((c) => c.state === "active");
}

/**
 * The active connection an email domain signs in with: that of the organization that has the
 * domain verified, or an active connection that lists the domain itself. Undefined when the
 * domain is not routed to SSO (the user signs in with a password or a code).
 */
export function connectionForDomain(store: Store, domain: string): ConnectionRecord | undefined {
  const wanted = normalizeDomain(domain);
  const org = organizationForVerifiedDomain(store, wanted);
  const ofOrganization = org ? activeConnectionOf(store, org.id) : undefined;
  return ofOrganization ?? store.connections.list((c) => c.state === "active").find((c) => c.domains.some((d) => d.domain === wanted));
}

export function emailDomain(email: string): string {
  return normalizeDomain(email.slice(email.lastIndexOf("@") + 1));
}

/** True when the email's domain is one the connection serves (SSO profiles outside them are refused). */
export function connectionAllowsEmail(store: Store, connection: ConnectionRecord, email: string): boolean {
  const domain = emailDomain(email);
  return connectionDomains(store, connection).some((d) => d.domain === domain);
}

/** What is wrong with a seed's connection (type, state, domains), or undefined. */
export function seedConnectionProblem(input: { connection_type?: string; state?: string; domains?: readonly string[] }): string | undefined {
  if (input.connection_type !== undefined && !CONNECTION_TYPES.includes(input.connection_type)) return `unknown connection_type "${input.connection_type}"`;
  if (input.state !== undefined && !isConnectionState(input.state)) return `unknown connection state "${input.state}"`;
  const bad = (input.domains ?? []).find((d) => typeof d !== "string" || !DOMAIN.test(normalizeDomain(d)));
  return bad === undefined ? undefined : `"${String(bad)}" is not a domain name`;
}

export interface NewConnection {
  organizationId: string;
  name?: string;
  connectionType?: string;
  /** Default "active": a connection made for local sign-ins is meant to be used. */
  state?: string;
  domains?: string[];
  id?: string;
}

/**
 * Makes an SSO connection for an organization (the seed, the test API and the Admin Portal use
 * it). Throws ConnectionInputError naming the field when an input is wrong.
 */
export function createConnection(store: Store, input: NewConnection): ConnectionRecord {
  const org = store.organization(input.organizationId);
  if (!org) throw new ConnectionInputError("organization_id", `Organization not found: '${input.organizationId}'.`);
  const connectionType = input.connectionType ?? "GenericSAML";
  if (!CONNECTION_TYPES.includes(connectionType)) {
    throw new ConnectionInputError("connection_type", `connection_type "${connectionType}" is not a WorkOS connection type (e.g. GenericSAML, OktaSAML, AzureSAML, GoogleSAML, GenericOIDC).`);
  }
  const state = input.state ?? "active";
  if (!isConnectionState(state)) throw new ConnectionInputError("state", `state must be one of ${CONNECTION_STATES.join(", ")}, got "${state}".`);
  const domains: ConnectionDomainRecord[] = [];
  for (const raw of input.domains ?? []) {
    const domain = normalizeDomain(raw);
    if (!DOMAIN.test(domain)) throw new ConnectionInputError("domains", `"${raw}" is not a domain name (e.g. acme.test).`);
    if (!domains.some((d) => d.domain === domain)) domains.push({ id: newId("conn_domain"), domain });
  }
  const id = input.id ?? newId("conn");
  if (!/^conn_[A-Za-z0-9_]+$/.test(id)) throw new ConnectionInputError("id", '`id` must look like "conn_…" (letters, digits, "_").');
  if (store.connections.get(id)) throw new ConnectionInputError("id", `Connection ${id} already exists.`);
  const now = new Date().toISOString();
  return store.connections.insert({
    id,
    organization_id: org.id,
    name: input.name?.trim() || `${org.name} SSO`,
    connection_type: connectionType as ConnectionType,
    state,
    domains,
    created_at: now,
    updated_at: now,
  });
}

export function isConnectionState(value: string): value is ConnectionState {
  return (CONNECTION_STATES as readonly string[]).includes(value);
}

/** Activates (or deactivates, or drafts) a connection. */
export function setConnectionState(store: Store, id: string, state: ConnectionState): ConnectionRecord {
  if (!store.connections.get(id)) throw new ConnectionInputError("id", `Connection not found: '${id}'.`);
  return store.connections.update(id, { state });
}

/** Deletes a connection and the SSO profiles made through it (their users and memberships stay). */
export function deleteConnection(store: Store, id: string): ConnectionRecord | undefined {
  return store.atomically(() => {
    const gone = store.connections.delete(id);
    if (gone) store.ssoProfiles.deleteWhere((p) => p.connection_id === id);
    return gone;
  });
}
