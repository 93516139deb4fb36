import type {
  Connection,
  ConnectionResponse,
  Directory,
  DirectoryGroupResponse,
  DirectoryResponse,
  DirectoryUserResponse,
  Invitation,
  InvitationEventResponse,
  Organization,
  OrganizationMembership,
  OrganizationMembershipResponse,
  OrganizationDomainResponse,
  OrganizationResponse,
  OrganizationRoleEventResponse,
  Role,
  RoleEventResponse,
  User,
  UserResponse,
} from "@workos-inc/node";
import { v, type Infer } from "convex/values";

/**
 * The mirror's records: what Convex keeps of each WorkOS object, whichever way it arrived.
 * Webhooks deliver WorkOS's snake_case wire form (`fromWire`, the one mapping); the SDK hands
 * actions the same objects in camelCase (`fromSdk`, which renames them back and hands them on).
 * Both become the same record, so the mirror has one write path.
 */

export const membershipStatus = v.union(v.literal("active"), v.literal("inactive"), v.literal("pending"));
export const invitationState = v.union(v.literal("pending"), v.literal("accepted"), v.literal("expired"), v.literal("revoked"));

export const domainState = v.union(v.literal("pending"), v.literal("verified"), v.literal("failed"));
export const domainRecord = v.object({ workosId: v.string(), domain: v.string(), state: domainState });
/** `domains` is absent when the source did not carry them (then the mirror keeps what it had). */
export const organizationRecord = v.object({
  workosId: v.string(),
  name: v.string(),
  domains: v.optional(v.array(domainRecord)),
  updatedAt: v.number(),
});
export const connectionState = v.union(v.literal("draft"), v.literal("active"), v.literal("inactive"), v.literal("validating"));
export const connectionRecord = v.object({
  workosId: v.string(),
  organizationId: v.string(),
  name: v.string(),
  connectionType: v.string(),
  state: connectionState,
  updatedAt: v.number(),
});
/** WorkOS's directory states in the SDK's words (the wire's `linked` is `active`). */
export const directoryState = v.union(
  v.literal("active"),
  v.literal("inactive"),
  v.literal("deleting"),
  v.literal("invalid_credentials"),
  v.literal("validating"),
);
export const directoryRecord = v.object({
  workosId: v.string(),
  organizationId: v.string(),
  name: v.string(),
  type: v.string(),
  state: directoryState,
  updatedAt: v.number(),
});
export const directoryUserState = v.union(v.literal("active"), v.literal("inactive"));
export const directoryUserRecord = v.object({
  workosId: v.string(),
  directoryId: v.string(),
  organizationId: v.string(),
  email: v.optional(v.string()),
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  state: directoryUserState,
  /** The role WorkOS maps the user to (from their groups, where the organization defines one). */
  roleSlug: v.optional(v.string()),
  updatedAt: v.number(),
});
export const directoryGroupRecord = v.object({
  workosId: v.string(),
  directoryId: v.string(),
  organizationId: v.string(),
  name: v.string(),
  updatedAt: v.number(),
});
export const membershipRecord = v.object({
  workosId: v.string(),
  /** The WorkOS user id: the token's `subject`. */
  userId: v.string(),
  organizationId: v.string(),
  role: v.string(),
  status: membershipStatus,
  directoryManaged: v.boolean(),
  updatedAt: v.number(),
});
export const invitationRecord = v.object({
  workosId: v.string(),
  email: v.string(),
  organizationId: v.optional(v.string()),
  state: invitationState,
  /** Absent when WorkOS did not say (its SDK drops it; webhooks carry it). */
  roleSlug: v.optional(v.string()),
  inviterUserId: v.optional(v.string()),
  expiresAt: v.number(),
  updatedAt: v.number(),
});
export const userRecord = v.object({
  workosId: v.string(),
  email: v.string(),
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  updatedAt: v.number(),
});
export const roleRecord = v.object({
  slug: v.string(),
  organizationId: v.optional(v.string()),
  permissions: v.array(v.string()),
  updatedAt: v.number(),
});

export type OrganizationRecord = Infer<typeof organizationRecord>;
export type MembershipRecord = Infer<typeof membershipRecord>;
export type InvitationRecord = Infer<typeof invitationRecord>;
export type UserRecord = Infer<typeof userRecord>;
export type RoleRecord = Infer<typeof roleRecord>;
export type DomainRecord = Infer<typeof domainRecord>;
export type ConnectionRecord = Infer<typeof connectionRecord>;
export type DirectoryRecord = Infer<typeof directoryRecord>;
export type DirectoryUserRecord = Infer<typeof directoryUserRecord>;
export type DirectoryGroupRecord = Infer<typeof directoryGroupRecord>;

/** WorkOS timestamps are ISO strings; the mirror compares numbers. */
export function ms(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`"${iso}" is not a WorkOS timestamp`);
  return t;
}

/** A directory user's state: anything but active (WorkOS also says `suspended`) has no access. */
const directoryUserStateOf = (state: string): DirectoryUserRecord["state"] => (state === "active" ? "active" : "inactive");

/** The wire's directory states (`linked`, `unlinked`) in the SDK's words; events already use those. */
function directoryStateOf(state: string): DirectoryRecord["state"] {
  if (state === "linked") return "active";
  if (state === "unlinked") return "inactive";
  if (state === "active" || state === "inactive" || state === "deleting" || state === "invalid_credentials" || state === "validating") return state;
  throw new Error(`"${state}" is not a directory state`);
}

function domainStateOf(state: string): DomainRecord["state"] {
  if (state === "pending" || state === "verified" || state === "failed") return state;
  throw new Error(`"${state}" is not a domain state`);
}

/** An organization id a directory, group or user must carry to be mirrored (the mirror is per organization). */
function required(value: string | null | undefined, what: string): string {
  if (typeof value !== "string" || value === "") throw new Error(`${what} has no organization_id`);
  return value;
}

const orUndefined = (value: string | null | undefined) => (value === null || value === undefined || value === "" ? undefined : value);

/** An SDK object's field name on the wire: `organizationId` → `organization_id`. */
type Snake<S extends string> = S extends `${infer H}${infer R}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<R>}` : S;
/** An SDK object in WorkOS's wire form (its top-level field names; nested values are kept). */
type Wire<T> = { [K in keyof T as K extends string ? Snake<K> : K]: T[K] };

/** The SDK's camelCase object back in the wire's snake_case names, so `fromWire` reads both. */
function toWire<T extends object>(o: T): Wire<T> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v])) as Wire<T>;
}

/**
 * The SDK's objects (what actions get back): each is its wire form under camelCase names, so it
 * is read by `fromWire` once its names are the wire's again; only what the SDK names or drops
 * differently is said here.
 */
export const fromSdk = {
  organization: (o: Organization): OrganizationRecord => fromWire.organization(toWire(o)),
  connection: (c: Connection): ConnectionRecord => fromWire.connection({ ...toWire(c), connection_type: c.type }),
  directory: (d: Directory): DirectoryRecord => fromWire.directory(toWire(d)),
  membership: (m: OrganizationMembership): MembershipRecord => fromWire.membership(toWire(m)),
  /** The SDK's Invitation has no role; `roleSlug` is what the caller asked for, when known. */
  invitation: (i: Invitation, roleSlug?: string): InvitationRecord => {
    const wire = toWire(i as Invitation & { roleSlug?: string | null });
    return fromWire.invitation({ ...wire, role_slug: orUndefined(wire.role_slug) ?? roleSlug });
  },
  user: (u: User): UserRecord => fromWire.user(toWire(u)),
  /** The SDK's role names its kind (`type`); an organization role belongs to the organization it was listed for. */
  role: (r: Role, organizationId: string): RoleRecord =>
    fromWire.role({ ...toWire(r), organization_id: r.type === "OrganizationRole" ? organizationId : undefined }),
};

export const fromWire = {
  organization: (
    o: Pick<OrganizationResponse, "id" | "name" | "updated_at"> & { domains?: readonly Pick<OrganizationDomainResponse, "id" | "domain" | "state">[] },
  ): OrganizationRecord => ({
    workosId: o.id,
    name: o.name,
    ...(o.domains !== undefined && {
      domains: o.domains.map((d) => ({ workosId: d.id, domain: d.domain, state: domainStateOf(d.state) })),
    }),
    updatedAt: ms(o.updated_at),
  }),
  connection: (c: Pick<ConnectionResponse, "id" | "organization_id" | "name" | "connection_type" | "state" | "updated_at">): ConnectionRecord => ({
    workosId: c.id,
    organizationId: required(c.organization_id, `Connection ${c.id}`),
    name: c.name,
    connectionType: c.connection_type,
    state: c.state,
    updatedAt: ms(c.updated_at),
  }),
  /** `dsync.activated` / `dsync.deleted` carry the SDK's states; the directory API the wire's. */
  directory: (d: Pick<DirectoryResponse, "id" | "name" | "type" | "organization_id" | "updated_at"> & { state: string }): DirectoryRecord => ({
    workosId: d.id,
    organizationId: required(d.organization_id, `Directory ${d.id}`),
    name: d.name,
    type: d.type,
    state: directoryStateOf(d.state),
    updatedAt: ms(d.updated_at),
  }),
  directoryUser: (u: DirectoryUserResponse): DirectoryUserRecord => ({
    workosId: u.id,
    directoryId: u.directory_id,
    organizationId: required(u.organization_id, `Directory user ${u.id}`),
    email: orUndefined(u.email)?.toLowerCase(),
    firstName: orUndefined(u.first_name),
    lastName: orUndefined(u.last_name),
    state: directoryUserStateOf(u.state),
    roleSlug: orUndefined(u.role?.slug),
    updatedAt: ms(u.updated_at),
  }),
  domain: (d: OrganizationDomainResponse) => ({
    workosId: d.id,
    organizationId: d.organization_id,
    domain: d.domain,
    state: domainStateOf(d.state),
  }),
  directoryGroup: (g: DirectoryGroupResponse): DirectoryGroupRecord => ({
    workosId: g.id,
    directoryId: g.directory_id,
    organizationId: required(g.organization_id, `Directory group ${g.id}`),
    name: g.name,
    updatedAt: ms(g.updated_at),
  }),
  membership: (m: Pick<OrganizationMembershipResponse, "id" | "user_id" | "organization_id" | "role" | "status" | "directory_managed" | "updated_at">): MembershipRecord => ({
    workosId: m.id,
    userId: m.user_id,
    organizationId: m.organization_id,
    role: m.role.slug,
    status: m.status,
    directoryManaged: m.directory_managed ?? false,
    updatedAt: ms(m.updated_at),
  }),
  invitation: (
    i: Pick<InvitationEventResponse, "id" | "email" | "organization_id" | "state" | "inviter_user_id" | "expires_at" | "updated_at"> & { role_slug?: string | null },
  ): InvitationRecord => ({
    workosId: i.id,
    email: i.email,
    organizationId: orUndefined(i.organization_id),
    state: i.state,
    roleSlug: orUndefined(i.role_slug),
    inviterUserId: orUndefined(i.inviter_user_id),
    expiresAt: ms(i.expires_at),
    updatedAt: ms(i.updated_at),
  }),
  user: (u: Pick<UserResponse, "id" | "email" | "first_name" | "last_name" | "updated_at">): UserRecord => ({
    workosId: u.id,
    email: u.email,
    firstName: orUndefined(u.first_name),
    lastName: orUndefined(u.last_name),
    updatedAt: ms(u.updated_at),
  }),
  /** `role.*` carries no organization; `organization_role.*` its `organization_id`. */
  role: (r: Pick<RoleEventResponse, "slug" | "permissions" | "updated_at"> & Partial<Pick<OrganizationRoleEventResponse, "organization_id">>): RoleRecord => ({
    slug: r.slug,
    organizationId: r.organization_id,
    permissions: [...r.permissions],
    updatedAt: ms(r.updated_at),
  }),
};
