/** The records the local AuthKit keeps; field names follow the WorkOS API (snake_case). */

export interface UserRecord {
  id: string;
  email: string;
  email_verified: boolean;
  first_name: string | null;
  last_name: string | null;
  profile_picture_url: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
  /** scrypt hash (see passwords.ts); null for a user who cannot sign in with a password. */
  password_hash: string | null;
}

export interface OrganizationRecord {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface MembershipRecord {
  id: string;
  user_id: string;
  organization_id: string;
  /** A role slug from `roles`. */
  role: string;
  created_at: string;
  updated_at: string;
}

export interface RoleRecord {
  slug: string;
  name: string;
  permissions: string[];
}

export type AuthenticationMethod = "Password";

export interface SessionRecord {
  id: string;
  user_id: string;
  organization_id: string | null;
  authentication_method: AuthenticationMethod;
  created_at: string;
  ended_at: string | null;
}

export interface RefreshTokenRecord {
  /** SHA-256 of the token: the token itself is never stored. */
  hash: string;
  session_id: string;
  created_at: string;
  /** Set when the token was exchanged; a used token never works again (rotation). */
  used_at: string | null;
}

export type CodeKind = "email_verification" | "password_reset";

export interface CodeRecord {
  email: string;
  kind: CodeKind;
  code: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface Data {
  version: 1;
  roles: RoleRecord[];
  organizations: OrganizationRecord[];
  users: UserRecord[];
  memberships: MembershipRecord[];
  sessions: SessionRecord[];
  refresh_tokens: RefreshTokenRecord[];
  codes: CodeRecord[];
}

export function emptyData(): Data {
  return {
    version: 1,
    roles: [],
    organizations: [],
    users: [],
    memberships: [],
    sessions: [],
    refresh_tokens: [],
    codes: [],
  };
}

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
