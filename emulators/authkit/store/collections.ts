import type { CollectionSpec } from "./collection.ts";
import { codes } from "./codes.ts";
import { connections } from "./connections.ts";
import { directories } from "./directories.ts";
import { directoryGroupMembers } from "./directory-group-members.ts";
import { directoryGroups } from "./directory-groups.ts";
import { directoryRoleAssignments } from "./directory-role-assignments.ts";
import { directoryUsers } from "./directory-users.ts";
import { events } from "./events.ts";
import { invitations } from "./invitations.ts";
import { memberships } from "./memberships.ts";
import { organizationDomains } from "./organization-domains.ts";
import { organizations } from "./organizations.ts";
import { portalLinks } from "./portal-links.ts";
import { refreshTokens } from "./refresh-tokens.ts";
import { roles } from "./roles.ts";
import { sessions } from "./sessions.ts";
import { ssoProfiles } from "./sso-profiles.ts";
import { users } from "./users.ts";
import { webhookDeliveries } from "./webhook-deliveries.ts";
import { webhookEndpoints } from "./webhook-endpoints.ts";

/**
 * Every collection the store keeps, by the name it has on the store (`store.users`). A new
 * collection is its module and one line here; an older data.json without its list starts it empty.
 */
export const COLLECTIONS = {
  roles,
  organizations,
  organizationDomains,
  users,
  memberships,
  sessions,
  refreshTokens,
  codes,
  invitations,
  events,
  webhookEndpoints,
  webhookDeliveries,
  connections,
  ssoProfiles,
  directories,
  directoryUsers,
  directoryGroups,
  directoryGroupMembers,
  directoryRoleAssignments,
  portalLinks,
} as const;

type Collections = typeof COLLECTIONS;

/** The record type of a collection declaration. */
export type RecordOf<S> = S extends CollectionSpec<infer T, infer _I, infer _N> ? T : never;

/** What data.json holds: `version: 1` and one list per collection, under the collection's list name. */
export type Data = { version: 1 } & { [K in keyof Collections as Collections[K]["name"]]: RecordOf<Collections[K]>[] };

export function emptyData(): Data {
  return Object.fromEntries([["version", 1], ...Object.values(COLLECTIONS).map((spec) => [spec.name, []])]) as Data;
}
