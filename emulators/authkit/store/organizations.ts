import { defineCollection } from "./collection.ts";
import { domainResponse, type OrganizationDomainRecord } from "./organization-domains.ts";

export interface OrganizationRecord {
  id: string;
  name: string;
  /** Unique among organizations when set. Absent in a data.json written before it existed: read as null. */
  external_id?: string | null;
  /** String values only (WorkOS's metadata). Absent in an older data.json: read as {}. */
  metadata?: Record<string, string>;
  stripe_customer_id?: string | null;
  allow_profiles_outside_organization?: boolean;
  created_at: string;
  updated_at: string;
}

export const organizations = defineCollection<OrganizationRecord>()({
  name: "organizations",
  key: (org) => org.id,
  indexes: {
    external_id: { of: (org) => org.external_id ?? null, unique: true },
  },
});

/** The WorkOS `organization` object, with its domains (see organization-domains.ts). */
export function organizationResponse(org: OrganizationRecord, domains: readonly OrganizationDomainRecord[]) {
  return {
    object: "organization" as const,
    id: org.id,
    name: org.name,
    // Deprecated by WorkOS and not required in its schema: answered only when it was set.
    ...(org.allow_profiles_outside_organization !== undefined && { allow_profiles_outside_organization: org.allow_profiles_outside_organization }),
    domains: domains.map(domainResponse),
    ...(org.stripe_customer_id ? { stripe_customer_id: org.stripe_customer_id } : {}),
    external_id: org.external_id ?? null,
    metadata: org.metadata ?? {},
    created_at: org.created_at,
    updated_at: org.updated_at,
  };
}

export type OrganizationResponse = ReturnType<typeof organizationResponse>;
