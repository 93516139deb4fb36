import type {
  Invitation,
  InvitationEventResponse,
  Organization,
  OrganizationMembership,
  OrganizationMembershipResponse,
  OrganizationResponse,
  OrganizationRoleEventResponse,
  Role,
  RoleEventResponse,
  User,
  UserResponse,
} from "@workos-inc/node";
import { v, type Infer } from "convex/values";

/**
 * The mirror's records: what Convex keeps of each WorkOS object, whichever way it arrived. The
 * SDK hands actions camelCase objects (`fromSdk`); webhooks deliver WorkOS's snake_case wire form
 * (`fromWire`). Both become the same record, so the mirror has one write path.
 */

export const membershipStatus = v.union(v.literal("active"), v.literal("inactive"), v.literal("pending"));
export const invitationState = v.union(v.literal("pending"), v.literal("accepted"), v.literal("expired"), v.literal("revoked"));

export const organizationRecord = v.object({ workosId: v.string(), name: v.string(), updatedAt: v.number() });
export const membershipRecord = v.object({
  workosId: v.string(),
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

/** WorkOS timestamps are ISO strings; the mirror compares numbers. */
export function ms(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`"${iso}" is not a WorkOS timestamp`);
  return t;
}

const orUndefined = (value: string | null | undefined) => (value === null || value === undefined || value === "" ? undefined : value);

export const fromSdk = {
  organization: (o: Organization): OrganizationRecord => ({ workosId: o.id, name: o.name, updatedAt: ms(o.updatedAt) }),
  membership: (m: OrganizationMembership): MembershipRecord => ({
    workosId: m.id,
    userId: m.userId,
    organizationId: m.organizationId,
    role: m.role.slug,
    status: m.status,
    directoryManaged: m.directoryManaged ?? false,
    updatedAt: ms(m.updatedAt),
  }),
  /** The SDK's Invitation has no role; `roleSlug` is what the caller asked for, when known. */
  invitation: (i: Invitation, roleSlug?: string): InvitationRecord => ({
    workosId: i.id,
    email: i.email,
    organizationId: orUndefined(i.organizationId),
    state: i.state,
    roleSlug: orUndefined((i as { roleSlug?: string | null }).roleSlug) ?? roleSlug,
    inviterUserId: orUndefined(i.inviterUserId),
    expiresAt: ms(i.expiresAt),
    updatedAt: ms(i.updatedAt),
  }),
  user: (u: User): UserRecord => ({
    workosId: u.id,
    email: u.email,
    firstName: orUndefined(u.firstName),
    lastName: orUndefined(u.lastName),
    updatedAt: ms(u.updatedAt),
  }),
  role: (r: Role, organizationId: string): RoleRecord => ({
    slug: r.slug,
    organizationId: r.type === "OrganizationRole" ? organizationId : undefined,
    permissions: [...r.permissions],
    updatedAt: ms(r.updatedAt),
  }),
};

export const fromWire = {
  organization: (o: OrganizationResponse): OrganizationRecord => ({ workosId: o.id, name: o.name, updatedAt: ms(o.updated_at) }),
  membership: (m: OrganizationMembershipResponse): MembershipRecord => ({
    workosId: m.id,
    userId: m.user_id,
    organizationId: m.organization_id,
    role: m.role.slug,
    status: m.status,
    directoryManaged: m.directory_managed ?? false,
    updatedAt: ms(m.updated_at),
  }),
  invitation: (i: InvitationEventResponse & { role_slug?: string | null }): InvitationRecord => ({
    workosId: i.id,
    email: i.email,
    organizationId: orUndefined(i.organization_id),
    state: i.state,
    roleSlug: orUndefined(i.role_slug),
    inviterUserId: orUndefined(i.inviter_user_id),
    expiresAt: ms(i.expires_at),
    updatedAt: ms(i.updated_at),
  }),
  user: (u: UserResponse): UserRecord => ({
    workosId: u.id,
    email: u.email,
    firstName: orUndefined(u.first_name),
    lastName: orUndefined(u.last_name),
    updatedAt: ms(u.updated_at),
  }),
  role: (r: RoleEventResponse | OrganizationRoleEventResponse): RoleRecord => ({
    slug: r.slug,
    organizationId: "organization_id" in r ? r.organization_id : undefined,
    permissions: [...r.permissions],
    updatedAt: ms(r.updated_at),
  }),
};
