import { defineCollection } from "./collection.ts";
import type { OrganizationRecord } from "./organizations.ts";
import { userResponse, type UserRecord } from "./users.ts";

export type MembershipStatus = "active" | "inactive" | "pending";

export interface MembershipRecord {
  id: string;
  user_id: string;
  organization_id: string;
  /** A role slug: an environment role, or one of the organization's own roles (see roles.ts). */
  role: string;
  /** Absent in a data.json written before it existed: read as "active" (see membershipStatus). */
  status?: MembershipStatus;
  /** True for memberships a directory (SCIM) provisioned. Absent: false. */
  directory_managed?: boolean;
  /** IdP attributes of a directory- or SSO-provisioned member. Absent: {}. */
  custom_attributes?: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export const memberships = defineCollection<MembershipRecord>()({
  name: "memberships",
  key: (m) => m.id,
  indexes: {
    user_id: { of: (m) => m.user_id },
    organization_id: { of: (m) => m.organization_id },
  },
});

export function membershipStatus(m: MembershipRecord): MembershipStatus {
  return m.status ?? "active";
}

/**
 * The WorkOS `organization_membership` object, as events carry it (and the Node SDK reads it):
 * no embedded user. `membershipResponse` adds the user, as the API answers.
 */
export function membershipEventData(m: MembershipRecord, org: OrganizationRecord | undefined) {
  return {
    object: "organization_membership" as const,
    id: m.id,
    user_id: m.user_id,
    organization_id: m.organization_id,
    ...(org && { organization_name: org.name }),
    status: membershipStatus(m),
    role: { slug: m.role },
    roles: [{ slug: m.role }],
    directory_managed: m.directory_managed ?? false,
    custom_attributes: m.custom_attributes ?? {},
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
}

/** The membership as the API answers it: SPEC 0.61 embeds the member's `user` (the Node SDK drops it). */
export function membershipResponse(m: MembershipRecord, org: OrganizationRecord | undefined, user: UserRecord | undefined) {
  return { ...membershipEventData(m, org), ...(user && { user: userResponse(user) }) };
}

export type MembershipResponse = ReturnType<typeof membershipResponse>;
