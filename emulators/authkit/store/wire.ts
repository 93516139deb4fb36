import type { Store } from "../store.ts";
import { membershipResponse, type MembershipRecord } from "./memberships.ts";
import { organizationResponse, type OrganizationRecord } from "./organizations.ts";

/**
 * Wire shapes that need more than their own record: an organization with its domains, a
 * membership with its organization's name and its user. Every area (and events) answers them
 * through these, so none answers an organization without its domains.
 */
export function organizationJson(store: Store, org: OrganizationRecord) {
  return organizationResponse(org, store.organizationDomains.findBy("organization_id", org.id));
}

export function membershipJson(store: Store, m: MembershipRecord) {
  return membershipResponse(m, store.organization(m.organization_id), store.user(m.user_id));
}
