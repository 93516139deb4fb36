import type { Fields } from "../../http/body.ts";
import { readFields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { HttpError, invalidField, notFound } from "../../http/errors.ts";
import { arrayParam, listPage, listParams } from "../../http/list.ts";
import { booleanField, externalIdField, metadataField, nullableStringField, onlyFields, stringField } from "../../http/workos-fields.ts";
import { newId } from "../../ids.ts";
import { addDomain, checkDomain, domainHolder, domainTaken, setDomains } from "../../provisioning/domains.ts";
import type { Store } from "../../store.ts";
import { normalizeDomain } from "../../store/organization-domains.ts";
import type { OrganizationRecord } from "../../store/organizations.ts";
import { organizationJson } from "../../store/wire.ts";

/** The Organizations API (`/organizations…`), as a server holding the API key calls it. */

const CREATE_FIELDS = ["name", "domain_data", "domains", "external_id", "metadata", "allow_profiles_outside_organization"];
const UPDATE_FIELDS = [...CREATE_FIELDS, "stripe_customer_id"];

type DomainData = { domain: string; state: "pending" | "verified" }[];

function organizationOrThrow(store: Store, id: string): OrganizationRecord {
  const org = store.organization(id);
  if (!org) throw notFound("Organization", id);
  return org;
}

/** `domain_data`: `[{ domain, state: "pending" | "verified" }]`, each checked and named by its place. */
function domainDataField(fields: Fields): DomainData | undefined {
  if (fields.domains !== undefined) {
    // Deprecated by WorkOS in favour of domain_data, whose state it lacks: refused rather than guessed.
    throw invalidField("domains", "`domains` is deprecated: send `domain_data: [{ domain, state: \"pending\" | \"verified\" }]` instead.");
  }
  const value = fields.domain_data;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidField("domain_data", "`domain_data` must be an array of { domain, state }.");
  const seen = new Set<string>();
  return value.map((item: unknown, i) => {
    const at = `domain_data[${i}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) throw invalidField(at, `\`${at}\` must be an object { domain, state }.`);
    const { domain, state } = item as Record<string, unknown>;
    if (typeof domain !== "string") throw invalidField(`${at}.domain`, `\`${at}.domain\` must be a string.`);
    if (state !== "pending" && state !== "verified") throw invalidField(`${at}.state`, `\`${at}.state\` must be "pending" or "verified".`);
    const name = checkDomain(domain, `${at}.domain`);
    if (seen.has(name)) throw invalidField(`${at}.domain`, `${name} is given twice in domain_data.`);
    seen.add(name);
    return { domain: name, state };
  });
}

function checkExternalId(store: Store, externalId: string | null | undefined, self?: string): void {
  if (!externalId) return;
  const other = store.organizations.find("external_id", externalId);
  if (other && other.id !== self) throw new HttpError(400, "external_id_already_used", `The external_id "${externalId}" is already used by another organization.`);
}

/** 409 before any change when a domain is held by another organization (WorkOS's message). */
function checkDomainsFree(store: Store, domains: DomainData, self?: string): void {
  for (const { domain } of domains) {
    const holder = domainHolder(store, domain);
    if (holder && holder.organization_id !== self) throw domainTaken(domain);
  }
}

export function getOrganization(c: Ctx): Response {
  const { store } = c.var.app;
  return c.json(organizationJson(store, organizationOrThrow(store, c.req.param("id")!)));
}

export function getOrganizationByExternalId(c: Ctx): Response {
  const { store } = c.var.app;
  const externalId = c.req.param("external_id")!;
  const org = store.organizations.find("external_id", externalId);
  if (!org) throw notFound("Organization", externalId);
  return c.json(organizationJson(store, org));
}

/**
 * GET /organizations: `domains` (comma-joined; an organization holding any of them, whatever the
 * domain's state) and `search` (a case-insensitive part of the name; WorkOS says only "matches
 * against the organization name").
 */
export function listOrganizations(c: Ctx): Response {
  const { store } = c.var.app;
  const params = listParams(c);
  const domains = arrayParam(c, "domains")?.map(normalizeDomain);
  const search = c.req.query("search")?.trim().toLowerCase();
  let ids: Set<string> | undefined;
  if (domains) ids = new Set(domains.flatMap((d) => store.organizationDomains.findBy("domain", d).map((r) => r.organization_id)));
  const orgs = store.organizations.list((org) => (!ids || ids.has(org.id)) && (!search || org.name.toLowerCase().includes(search)));
  return c.json(listPage(orgs, params, (org) => organizationJson(store, org)));
}

/** POST /organizations: name, domain_data (409 for a domain another organization holds), external_id (unique), metadata. */
export async function createOrganization(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
  onlyFields(fields, CREATE_FIELDS);
  const name = stringField(fields, "name", { required: true })!;
  const domainData = domainDataField(fields) ?? [];
  const externalId = externalIdField(fields);
  const metadata = metadataField(fields) ?? {};
  const allowOutside = booleanField(fields, "allow_profiles_outside_organization");
  checkExternalId(store, externalId);
  checkDomainsFree(store, domainData);
  const org = store.atomically(() => {
    const now = new Date().toISOString();
    const created = store.organizations.insert({
      id: newId("org"),
      name,
      external_id: externalId ?? null,
      metadata,
      ...(allowOutside !== undefined && { allow_profiles_outside_organization: allowOutside }),
      created_at: now,
      updated_at: now,
    });
    for (const d of domainData) addDomain(store, created.id, d.domain, { state: d.state });
    return created;
  });
  note(c, `created ${org.id}${domainData.length ? ` with ${domainData.map((d) => `${d.domain} (${d.state})`).join(", ")}` : ""}`);
  return c.json(organizationJson(store, org), 201);
}

/**
 * PUT /organizations/<id>: every field optional; `domain_data` replaces the organization's
 * domains (those left out are removed); `metadata` is merged into the current one (a key sent as
 * null is removed); `external_id: null` clears it.
 */
export async function updateOrganization(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
  const org = organizationOrThrow(store, c.req.param("id")!);
  onlyFields(fields, UPDATE_FIELDS);
  const name = stringField(fields, "name", { nonEmpty: true });
  const domainData = domainDataField(fields);
  const externalId = externalIdField(fields);
  const metadata = metadataField(fields, org.metadata ?? {});
  const allowOutside = booleanField(fields, "allow_profiles_outside_organization");
  const stripeCustomerId = nullableStringField(fields, "stripe_customer_id");
  checkExternalId(store, externalId, org.id);
  if (stripeCustomerId) {
    const other = store.organizations.list((o) => o.stripe_customer_id === stripeCustomerId && o.id !== org.id)[0];
    if (other) throw new HttpError(400, "stripe_customer_id_already_used", `The stripe_customer_id "${stripeCustomerId}" is already used by another organization.`);
  }
  if (domainData) checkDomainsFree(store, domainData, org.id);
  const updated = store.atomically(() => {
    if (domainData) setDomains(store, org.id, domainData);
    return store.organizations.update(org.id, {
      ...(name !== undefined && { name }),
      ...(externalId !== undefined && { external_id: externalId }),
      ...(metadata !== undefined && { metadata }),
      ...(allowOutside !== undefined && { allow_profiles_outside_organization: allowOutside }),
      ...(stripeCustomerId !== undefined && { stripe_customer_id: stripeCustomerId }),
    });
  });
  note(c, `updated ${org.id}`);
  return c.json(organizationJson(store, updated));
}

/**
 * DELETE /organizations/<id>: 200 with no body (WorkOS: 200 or 202). Its domains, memberships and
 * own roles go with it; its members' sessions lose it at their next refresh.
 */
export function deleteOrganization(c: Ctx): Response {
  const { store } = c.var.app;
  const org = organizationOrThrow(store, c.req.param("id")!);
  store.atomically(() => {
    store.memberships.deleteWhere((m) => m.organization_id === org.id);
    store.organizationDomains.deleteWhere((d) => d.organization_id === org.id);
    store.roles.deleteWhere((r) => r.organization_id === org.id);
    store.organizations.delete(org.id);
  });
  note(c, `deleted ${org.id}`);
  return c.body(null, 200);
}
