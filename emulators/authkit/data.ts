/** The records the local AuthKit keeps; field names follow the WorkOS API (snake_case). Each is declared with its collection in store/. */

import type { UserRecord } from "./store/users.ts";
import type { OrganizationRecord } from "./store/organizations.ts";
import type { MembershipRecord } from "./store/memberships.ts";

export type { CodeKind, CodeRecord } from "./store/codes.ts";
export { emptyData, type Data } from "./store/collections.ts";
export type { MembershipRecord } from "./store/memberships.ts";
export type { OrganizationRecord } from "./store/organizations.ts";
export type { RefreshTokenRecord } from "./store/refresh-tokens.ts";
export type { RoleRecord } from "./store/roles.ts";
export type { AuthenticationMethod, SessionRecord } from "./store/sessions.ts";
export type { UserRecord } from "./store/users.ts";

/** The WorkOS `user` object, as `POST /user_management/authenticate` returns it. */
export function userResponse(user: UserRecord) {
  return {
    object: "user" as const,
    id: user.id,
    email: user.email,
    email_verified: user.email_verified,
    first_name: user.first_name,
    last_name: user.last_name,
    profile_picture_url: user.profile_picture_url,
    last_sign_in_at: user.last_sign_in_at,
    external_id: null,
    metadata: {},
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

export function organizationResponse(org: OrganizationRecord) {
  return {
    object: "organization" as const,
    id: org.id,
    name: org.name,
    domains: [],
    external_id: null,
    metadata: {},
    created_at: org.created_at,
    updated_at: org.updated_at,
  };
}

export function membershipResponse(m: MembershipRecord) {
  return {
    object: "organization_membership" as const,
    id: m.id,
    user_id: m.user_id,
    organization_id: m.organization_id,
    role: { slug: m.role },
    status: "active" as const,
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
}
