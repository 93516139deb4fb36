import type { SeedFile } from "./seed-file.ts";

/**
 * The demo world: the roles, organizations and users a fresh local AuthKit starts with. It is
 * the default seed (`DEMO_SEED`), what `npm run dev` prints, and who the emulator's, Convex's,
 * component and browser tests sign in as — so this file is the one place they are written down.
 * It imports nothing but types, so the browser app's test helpers and convex-test can load it.
 *
 * Each resource is a named export and `DEMO_SEED` lists them: a new kind of demo resource (a
 * verified domain or SSO connection for Acme, a directory for Globex) is one more export and one
 * more line there.
 */

/** The password of every demo user. */
export const DEMO_PASSWORD = "demo-password";

export interface DemoRole {
  slug: string;
  name: string;
  permissions: readonly string[];
}

export const ADMIN_ROLE: DemoRole = {
  slug: "admin",
  name: "Admin",
  permissions: ["notes:read", "notes:write", "notes:delete", "members:manage"],
};
export const MEMBER_ROLE: DemoRole = { slug: "member", name: "Member", permissions: ["notes:read", "notes:write"] };
export const DEMO_ROLES: readonly DemoRole[] = [ADMIN_ROLE, MEMBER_ROLE];

export interface DemoOrganization {
  id: string;
  name: string;
}

export const ACME: DemoOrganization = { id: "org_acme", name: "Acme Corp" };
export const GLOBEX: DemoOrganization = { id: "org_globex", name: "Globex" };
export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [ACME, GLOBEX];

export interface DemoOrganizationDomain {
  id: string;
  organization_id: string;
  domain: string;
  state: "verified" | "pending";
}

/** Acme's verified domain: an `@acme.test` address belongs to Acme (SSO routing, the Admin Portal's domain list). */
export const ACME_DOMAIN: DemoOrganizationDomain = {
  id: "org_domain_01KDVDNA06ACMETEST00000000",
  organization_id: ACME.id,
  domain: "acme.test",
  state: "verified",
};
export const DEMO_DOMAINS: readonly DemoOrganizationDomain[] = [ACME_DOMAIN];

export interface DemoMembership {
  id: string;
  organization_id: string;
  role: string;
}

export interface DemoUser {
  id: string;
  email: string;
  password: string;
  first_name: string;
  last_name: string;
  email_verified: boolean;
  memberships: readonly DemoMembership[];
}

/** Admin of Acme Corp and member of Globex: she picks an organization when she signs in. */
export const ALICE: DemoUser = {
  id: "user_01KDVDNA00S0EAZ8TQSYJKVFA4",
  email: "alice@example.com",
  password: DEMO_PASSWORD,
  first_name: "Alice",
  last_name: "Anderson",
  email_verified: true,
  memberships: [
    { id: "om_01KDVDNA03VAB0VDW0FYYY8NEW", organization_id: ACME.id, role: ADMIN_ROLE.slug },
    { id: "om_01KDVDNA046440ZEPEYWWDTJVH", organization_id: GLOBEX.id, role: MEMBER_ROLE.slug },
  ],
};

/** Member of Acme Corp only: signs straight in to it. */
export const BOB: DemoUser = {
  id: "user_01KDVDNA01M9CXXC28E608E0XS",
  email: "bob@example.com",
  password: DEMO_PASSWORD,
  first_name: "Bob",
  last_name: "Brown",
  email_verified: true,
  memberships: [{ id: "om_01KDVDNA05A9HJK083S7F2HYS8", organization_id: ACME.id, role: MEMBER_ROLE.slug }],
};

/** In no organization: her session has no org, role or permissions. */
export const CAROL: DemoUser = {
  id: "user_01KDVDNA02RWQSJN9XF4S9XYRR",
  email: "carol@example.com",
  password: DEMO_PASSWORD,
  first_name: "Carol",
  last_name: "Clark",
  email_verified: true,
  memberships: [],
};

export const DEMO_USERS: readonly DemoUser[] = [ALICE, BOB, CAROL];

/**
 * Acme's SSO connection: it serves Acme's verified domain (ACME_DOMAIN), so an email at acme.test
 * goes to the Local IdP titled "Acme Corp Okta", and a new identity there becomes a member of Acme
 * on first sign-in.
 */
export const ACME_SSO = {
  id: "conn_01KDVDNA06Q8AM3Z4T7C9E2KXB",
  organization_id: ACME.id,
  name: "Acme Corp Okta",
  connection_type: "OktaSAML",
  state: "active",
  domains: [],
} as const;

/**
 * Globex's "Engineering Managers" directory group, whose role assignment is `admin`: a directory
 * user added to it (`POST /_local/directories/<directory>/groups/<group>/users`) becomes an admin
 * of Globex, and back to `member` when taken out.
 */
export const GLOBEX_MANAGERS_GROUP = {
  id: "directory_group_01KDVDNA06Q8X3GBXENGMGRS00",
  idp_id: "engineering-managers",
  name: "Engineering Managers",
  role: ADMIN_ROLE.slug,
} as const;

/** Globex's SCIM directory, with no users: push some with `POST /_local/directories/<id>/users`. */
export const GLOBEX_DIRECTORY = {
  id: "directory_01KDVDNA06Q8X3GBXSC1M4D2ZR",
  organization_id: GLOBEX.id,
  name: "Globex SCIM",
  type: "generic scim v2.0",
  groups: [GLOBEX_MANAGERS_GROUP],
} as const;

/** The demo world as a seed: what the local AuthKit starts from unless given `--seed <file>`. */
export const DEMO_SEED = {
  roles: DEMO_ROLES,
  organizations: DEMO_ORGANIZATIONS,
  organization_domains: DEMO_DOMAINS,
  users: DEMO_USERS,
  connections: [ACME_SSO],
  directories: [GLOBEX_DIRECTORY],
} satisfies SeedFile;

/** "Alice Anderson": how the app and the hosted pages name a demo user. */
export function displayName(user: DemoUser): string {
  return `${user.first_name} ${user.last_name}`;
}

/** A user's organizations with the role they have in each, in the order of their memberships. */
export function membershipsOf(user: DemoUser): { organization: DemoOrganization; role: DemoRole }[] {
  return user.memberships.map((m) => {
    const organization = DEMO_ORGANIZATIONS.find((o) => o.id === m.organization_id);
    const role = DEMO_ROLES.find((r) => r.slug === m.role);
    if (!organization || !role) throw new Error(`${user.email}'s membership ${m.id} names an organization or role the demo world lacks`);
    return { organization, role };
  });
}

/** The claims of the access token the local AuthKit issues to `user` signed in to `organization`. */
// A type, not an interface, so it is assignable to the claim sets of JWT libraries.
export type DemoClaims = {
  sub: string;
  org_id?: string;
  role?: string;
  roles?: string[];
  permissions?: string[];
};

/**
 * What AuthKit puts in `user`'s access token when they sign in to `organization` (or to none):
 * for tests that need a token or a Convex identity without signing in through the hosted pages.
 */
export function demoClaims(user: DemoUser, organization?: DemoOrganization): DemoClaims {
  if (!organization) return { sub: user.id };
  const membership = membershipsOf(user).find((m) => m.organization.id === organization.id);
  if (!membership) throw new Error(`${user.email} is not a member of ${organization.name} in the demo world`);
  const { role } = membership;
  return { sub: user.id, org_id: organization.id, role: role.slug, roles: [role.slug], permissions: [...role.permissions] };
}

/** The issuer of tests that sign no real token: AuthKit's, for a WorkOS client `client_test`. */
export const TEST_ISSUER = "https://api.workos.com/user_management/client_test";

/**
 * `user` signed in to `organization` as a Convex function sees them (`ctx.auth.getUserIdentity()`):
 * Convex turns the token's `sub` and `iss` into `subject`, `issuer` and `tokenIdentifier` and keeps
 * its other claims. For convex-test's `withIdentity` and component tests' `users.me` answers.
 */
export function demoIdentity(user: DemoUser, organization?: DemoOrganization, issuer = TEST_ISSUER) {
  const { sub, org_id, role, permissions } = demoClaims(user, organization);
  return { subject: sub, issuer, tokenIdentifier: `${issuer}|${sub}`, ...(org_id && { org_id, role, permissions }) };
}
