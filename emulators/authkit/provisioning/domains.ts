import { HttpError, invalidField } from "../http/errors.ts";
import { newId, secretToken } from "../ids.ts";
import type { Store } from "../store.ts";
import { normalizeDomain, type DomainState, type OrganizationDomainRecord } from "../store/organization-domains.ts";
import type { OrganizationRecord } from "../store/organizations.ts";

/**
 * Organization domains, for every area that needs them: the Organizations API (domain_data),
 * the Organization Domains API, SSO routing (email domain → organization) and the Admin Portal
 * (domain verification).
 *
 * A domain is "held" by an organization while it is `pending` or `verified` there (or
 * `legacy_verified`): WorkOS refuses to give another organization a domain one holds, and does not
 * say whether a pending one counts, so this takes the strict reading that it does. A `failed` or
 * `unverified` domain holds nothing.
 */

const HOLDING: ReadonlySet<DomainState> = new Set(["pending", "verified", "legacy_verified"]);
const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

export function domainsOf(store: Store, organizationId: string): OrganizationDomainRecord[] {
  return store.organizationDomains.findBy("organization_id", organizationId);
}

/** The organization holding `domain` (pending or verified), if any. */
export function domainHolder(store: Store, domain: string): OrganizationDomainRecord | undefined {
  return store.organizationDomains.findBy("domain", domain).find((d) => HOLDING.has(d.state));
}

/** The organization whose *verified* domain `domain` is (what SSO routing by email domain uses). */
export function organizationForVerifiedDomain(store: Store, domain: string): OrganizationRecord | undefined {
  const held = store.organizationDomains.findBy("domain", domain).find((d) => d.state === "verified" || d.state === "legacy_verified");
  return held ? store.organization(held.organization_id) : undefined;
}

/** The organization of an email address's verified domain (`alice@acme.test` → Acme). */
export function organizationForEmail(store: Store, email: string): OrganizationRecord | undefined {
  const at = email.lastIndexOf("@");
  return at < 0 ? undefined : organizationForVerifiedDomain(store, email.slice(at + 1));
}

/** A domain as given, normalized; a 422 naming `field` when it is not a domain name. */
export function checkDomain(domain: string, field: string): string {
  const normalized = normalizeDomain(domain);
  if (!DOMAIN.test(normalized)) throw invalidField(field, `"${domain}" is not a domain name (such as example.com).`);
  return normalized;
}

/** WorkOS's 409 for a domain another organization holds (its message, from the Node SDK's fixtures). */
export function domainTaken(domain: string): HttpError {
  return new HttpError(409, "domain_already_exists", `An Organization with the domain ${domain} already exists.`);
}

export interface AddDomainOptions {
  state: "pending" | "verified";
  /**
   * `manual` (the default: domains given through the Organizations API, verified or not by the
   * caller's word) or `dns` (a pending domain to be proven with a TXT record, as the Organization
   * Domains API and the Admin Portal make them; it gets a verification token and prefix).
   */
  strategy?: "manual" | "dns";
}

/**
 * Gives an organization a domain. Throws 409 when another organization holds it; adding a
 * domain the organization has already returns the one it has (a pending one becomes verified
 * when `state` says so).
 */
export function addDomain(store: Store, organizationId: string, domain: string, options: AddDomainOptions): OrganizationDomainRecord {
  const name = checkDomain(domain, "domain");
  return store.atomically(() => {
    const holder = domainHolder(store, name);
    if (holder && holder.organization_id !== organizationId) throw domainTaken(name);
    const own = domainsOf(store, organizationId).find((d) => d.domain === name);
    if (own) return options.state === "verified" && own.state !== "verified" ? verifyDomain(store, own.id) : own;
    const strategy = options.strategy ?? "manual";
    const dns = strategy === "dns" && options.state === "pending";
    const now = new Date().toISOString();
    return store.organizationDomains.insert({
      id: newId("org_domain"),
      organization_id: organizationId,
      domain: name,
      state: options.state,
      verification_strategy: strategy,
      verification_token: dns ? secretToken(18) : null,
      verification_prefix: dns ? `workos-domain-verification-${secretToken(4).toLowerCase().replace(/[^a-z0-9]/g, "")}` : null,
      created_at: now,
      updated_at: now,
    });
  });
}

/** Marks a domain verified (the emulator checks no DNS: verifying is the caller's say-so). */
export function verifyDomain(store: Store, domainId: string): OrganizationDomainRecord {
  return store.organizationDomains.update(domainId, { state: "verified" });
}

export function removeDomain(store: Store, domainId: string): OrganizationDomainRecord | undefined {
  return store.organizationDomains.delete(domainId);
}

/**
 * Makes an organization's domains exactly `wanted` (an update's `domain_data`): domains not in it
 * are removed, new ones added, and a listed one's state set as given. All or nothing: one domain
 * another organization holds refuses the whole change (409).
 */
export function setDomains(store: Store, organizationId: string, wanted: readonly { domain: string; state: "pending" | "verified" }[]): OrganizationDomainRecord[] {
  return store.atomically(() => {
    const names = new Set(wanted.map((w) => w.domain));
    for (const d of domainsOf(store, organizationId)) if (!names.has(d.domain)) removeDomain(store, d.id);
    for (const w of wanted) {
      const own = domainsOf(store, organizationId).find((d) => d.domain === w.domain);
      if (own && own.state !== w.state) store.organizationDomains.update(own.id, { state: w.state });
      else if (!own) addDomain(store, organizationId, w.domain, { state: w.state });
    }
    return domainsOf(store, organizationId);
  });
}
