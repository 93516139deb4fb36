/**
 * What a seed holds: the format of a JSON seed file (`--seed <file>`, `seedFile`) and of the
 * built-in demo world (demo-world.ts). Field names are WorkOS's. Left out, an `id` is generated,
 * `role` is "member", `email_verified` is true, and a user without `password` cannot sign in with
 * one.
 */
export interface SeedFile {
  roles?: readonly SeedRole[];
  organizations?: readonly SeedOrganization[];
  /** Domains of the organizations above; `verification_strategy` is `manual`, as for domains given through the API. */
  organization_domains?: readonly SeedOrganizationDomain[];
  users?: readonly SeedUser[];
  connections?: readonly SeedConnection[];
  directories?: readonly SeedDirectory[];
}

/** A directory (Directory Sync) of an organization, linked; its users are pushed through the test API. */
export interface SeedDirectory {
  id?: string;
  organization_id: string;
  name: string;
  type?: string;
  /** Its groups (no members yet), each with the role its members get (WorkOS's group role assignment), if any. */
  groups?: readonly SeedDirectoryGroup[];
}

export interface SeedDirectoryGroup {
  id?: string;
  /** The identity provider's id of the group (default: generated). */
  idp_id?: string;
  name: string;
  /** A role slug of the seed: the group's role assignment. */
  role?: string;
}

export interface SeedRole {
  slug: string;
  name?: string;
  permissions?: readonly string[];
}

export interface SeedOrganization {
  id?: string;
  name: string;
}

export interface SeedOrganizationDomain {
  id?: string;
  organization_id: string;
  domain: string;
  state: "verified" | "pending";
}

export interface SeedUser {
  id?: string;
  email: string;
  password?: string;
  first_name?: string;
  last_name?: string;
  email_verified?: boolean;
  memberships?: readonly SeedMembership[];
}

export interface SeedMembership {
  id?: string;
  organization_id: string;
  role?: string;
}

/** An SSO connection of a seeded organization, signing in through the Local IdP. Default type "GenericSAML", state "active". */
export interface SeedConnection {
  id?: string;
  organization_id: string;
  name?: string;
  connection_type?: string;
  state?: string;
  /** Domains of the connection itself, besides its organization's verified domains. */
  domains?: readonly string[];
}
