import { readFields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { HttpError, notFound } from "../../http/errors.ts";
import { onlyFields, stringField } from "../../http/workos-fields.ts";
import { addDomain, checkDomain, domainHolder, domainTaken, removeDomain, verifyDomain } from "../../provisioning/domains.ts";
import type { Store } from "../../store.ts";
import { domainResponse, type OrganizationDomainRecord } from "../../store/organization-domains.ts";

/** The Organization Domains API (`/organization_domains…`). */

function domainOrThrow(store: Store, id: string): OrganizationDomainRecord {
  const domain = store.organizationDomains.get(id);
  if (!domain) throw notFound("Organization domain", id);
  return domain;
}

export function getDomain(c: Ctx): Response {
  return c.json(domainResponse(domainOrThrow(c.var.app.store, c.req.param("id")!)));
}

/**
 * POST /organization_domains `{ domain, organization_id }`: a pending domain to verify by DNS
 * (it gets a verification token and prefix); 409 `domain_already_exists` when any organization,
 * this one included, holds it.
 */
export async function createDomain(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store } = c.var.app;
  onlyFields(fields, ["domain", "organization_id"]);
  const domain = checkDomain(stringField(fields, "domain", { required: true })!, "domain");
  const organizationId = stringField(fields, "organization_id", { required: true })!;
  if (!store.organization(organizationId)) throw notFound("Organization", organizationId);
  if (domainHolder(store, domain)) throw domainTaken(domain);
  const record = addDomain(store, organizationId, domain, { state: "pending", strategy: "dns" });
  note(c, `${organizationId} adds ${domain} (pending)`);
  return c.json(domainResponse(record), 201);
}

/** POST /organization_domains/<id>/verify: verified at once (no DNS is looked up here); 400 `domain_already_verified`. */
export function verify(c: Ctx): Response {
  const { store } = c.var.app;
  const domain = domainOrThrow(store, c.req.param("id")!);
  if (domain.state === "verified") throw new HttpError(400, "domain_already_verified", `${domain.domain} is already verified.`);
  const verified = verifyDomain(store, domain.id);
  note(c, `${domain.domain} verified`);
  return c.json(domainResponse(verified));
}

/** DELETE /organization_domains/<id>: 204, as WorkOS documents it. */
export function deleteDomain(c: Ctx): Response {
  const { store } = c.var.app;
  const domain = domainOrThrow(store, c.req.param("id")!);
  removeDomain(store, domain.id);
  note(c, `${domain.domain} removed from ${domain.organization_id}`);
  return c.body(null, 204);
}
