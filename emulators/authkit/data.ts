/** The records the local AuthKit keeps; field names follow the WorkOS API (snake_case). Each is declared with its collection in store/, beside its WorkOS wire shape. */

export type { CodeKind, CodeRecord } from "./store/codes.ts";
export { emptyData, type Data } from "./store/collections.ts";
export { membershipEventData, membershipResponse, membershipStatus, type MembershipRecord, type MembershipStatus } from "./store/memberships.ts";
export { domainResponse, type DomainState, type OrganizationDomainRecord } from "./store/organization-domains.ts";
export { organizationResponse, type OrganizationRecord } from "./store/organizations.ts";
export { permissionResponse, permissionsOf } from "./store/permissions.ts";
export type { RefreshTokenRecord } from "./store/refresh-tokens.ts";
export { roleResponse, type RoleRecord } from "./store/roles.ts";
export type { AuthenticationMethod, SessionRecord } from "./store/sessions.ts";
export { userResponse, type UserRecord } from "./store/users.ts";
