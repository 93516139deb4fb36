import { defineCollection } from "./collection.ts";

/**
 * WorkOS's domain states. This emulator makes `pending` and `verified` ones (the two `domain_data`
 * takes); the others exist so a record or a seed holding one is typed.
 */
export type DomainState = "pending" | "verified" | "failed" | "unverified" | "legacy_verified";

export interface OrganizationDomainRecord {
  id: string;
  organization_id: string;
  /** Trimmed and lower-cased. */
  domain: string;
  state: DomainState;
  /** `manual` for domains given through the API (or the seed); `dns` for ones to be proven with a TXT record. */
  verification_strategy: "manual" | "dns";
  /** For `dns` domains: the TXT record's value and the prefix of its name. */
  verification_token: string | null;
  verification_prefix: string | null;
  created_at: string;
  updated_at: string;
}

export function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, "");
}

export const organizationDomains = defineCollection<OrganizationDomainRecord>()({
  name: "organization_domains",
  key: (d) => d.id,
  indexes: {
    organization_id: { of: (d) => d.organization_id },
    domain: { of: (d) => d.domain, normalize: normalizeDomain },
  },
});

/** The WorkOS `organization_domain` object (as `organization.domains[]` and the domain endpoints answer it). */
export function domainResponse(d: OrganizationDomainRecord) {
  return {
    object: "organization_domain" as const,
    id: d.id,
    organization_id: d.organization_id,
    domain: d.domain,
    state: d.state,
    verification_strategy: d.verification_strategy,
    ...(d.verification_token !== null && { verification_token: d.verification_token }),
    ...(d.verification_prefix !== null && { verification_prefix: d.verification_prefix }),
    created_at: d.created_at,
    updated_at: d.updated_at,
  };
}
