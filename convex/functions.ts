import { customAction, customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import type { UserIdentity } from "convex/server";
import { ConvexError } from "convex/values";
import { internal } from "./_generated/api";
import { action, mutation, query, type ActionCtx, type MutationCtx, type QueryCtx } from "./_generated/server";
import { resolveAccess, type Access, type TokenClaims } from "./access";

/**
 * "Who is calling and may they" is decided here, once per request, on convex-helpers' custom
 * function builders. Every public function is built with one of them:
 *
 * - `viewerQuery` / `viewerMutation` / `viewerAction`: signed-in callers only; the handler gets
 *   `ctx.viewer`.
 * - `memberQuery` / `memberMutation` / `memberAction`: also signed in to an organization they
 *   still belong to (per the WorkOS mirror); `permission: "notes:read"` additionally requires that
 *   permission. The handler gets `ctx.member` (organization, role, permissions).
 * - `managerQuery` / `managerMutation` / `managerAction`: members holding `members:manage`.
 *
 * `ctx.viewer` carries the verified identity, the token's organization, and the role and
 * permissions that apply: the mirrored membership's when the mirror has it, else the token's.
 */
export type Viewer = {
  identity: UserIdentity;
  tokenIdentifier: string;
  /** The WorkOS user id. */
  subject: string;
  /** The organization the session is signed in to, or null for a user without one. */
  orgId: string | null;
  /** The role and permissions that apply in `orgId` (none when the membership no longer holds). */
  role: string | null;
  permissions: string[];
  access: Access;
};

/** A caller who may act in their organization. */
export type Member = { orgId: string; orgName: string | null; role: string; permissions: string[]; membershipId: string | null };

export type ErrorCode =
  | "NOT_SIGNED_IN"
  | "FORBIDDEN"
  /** Signed in to an organization whose membership was removed or deactivated (or that was deleted). */
  | "NOT_A_MEMBER"
  | "NOT_FOUND"
  | "INVALID_ARGUMENT"
  /** Nobody may remove or demote an organization's last admin. */
  | "LAST_ADMIN"
  /** Too many requests of this kind just now; `message` says when to try again. */
  | "RATE_LIMITED"
  /** WorkOS refused or failed; `message` says what happened in words. */
  | "WORKOS_ERROR"
  /** This deployment has no WORKOS_API_KEY. */
  | "WORKOS_NOT_CONFIGURED";

/** The payload of every error our functions throw; the app shows `message` as is. */
export type AppErrorData = { code: ErrorCode; message: string };

export function appError(code: ErrorCode, message: string): ConvexError<AppErrorData> {
  return new ConvexError({ code, message });
}

function stringClaim(identity: UserIdentity, claim: string): string | null {
  const value = identity[claim];
  return typeof value === "string" && value !== "" ? value : null;
}

function stringListClaim(identity: UserIdentity, claim: string): string[] {
  const value = identity[claim];
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === "string") : [];
}

export function tokenClaimsOf(identity: UserIdentity): TokenClaims {
  return {
    subject: identity.subject,
    orgId: stringClaim(identity, "org_id"),
    role: stringClaim(identity, "role"),
    permissions: stringListClaim(identity, "permissions"),
  };
}

function viewerOf(identity: UserIdentity, access: Access): Viewer {
  const member = access.kind === "member";
  return {
    identity,
    tokenIdentifier: identity.tokenIdentifier,
    subject: identity.subject,
    orgId: tokenClaimsOf(identity).orgId,
    role: member ? access.role : null,
    permissions: member ? access.permissions : [],
    access,
  };
}

function notSignedIn() {
  return appError("NOT_SIGNED_IN", "You are not signed in. Sign in and try again.");
}

export async function getViewer(ctx: Pick<QueryCtx, "auth" | "db">): Promise<Viewer | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  return viewerOf(identity, await resolveAccess(ctx.db, tokenClaimsOf(identity)));
}

export async function requireViewer(ctx: Pick<QueryCtx, "auth" | "db">): Promise<Viewer> {
  const viewer = await getViewer(ctx);
  if (viewer === null) throw notSignedIn();
  return viewer;
}

async function requireActionViewer(ctx: ActionCtx): Promise<Viewer> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) throw notSignedIn();
  return viewerOf(identity, await ctx.runQuery(internal.access.forAction, tokenClaimsOf(identity)));
}

/** Why the caller may not act in their token's organization, as a sentence for the app. */
export function notAMemberMessage(access: Extract<Access, { kind: "not_member" }>): string {
  const org = access.organizationName ?? "this organization";
  return {
    removed: `You are no longer a member of ${org}. Switch to another organization, or ask one of its admins to invite you again.`,
    deactivated: `Your membership in ${org} has been deactivated. Ask one of its admins to reactivate it.`,
    pending: `You have not joined ${org} yet: accept your invitation first.`,
    organization_deleted: `${org} no longer exists. Switch to another organization.`,
  }[access.reason];
}

function notAMember(access: Extract<Access, { kind: "not_member" }>) {
  return appError("NOT_A_MEMBER", notAMemberMessage(access));
}

/** The caller's organization, or FORBIDDEN (none) / NOT_A_MEMBER (no longer theirs). */
export function requireOrganization(viewer: Viewer): string {
  if (viewer.access.kind === "not_member") throw notAMember(viewer.access);
  if (viewer.orgId === null) {
    throw appError("FORBIDDEN", "This needs an organization. Switch to one of your organizations first.");
  }
  return viewer.orgId;
}

export function requireRole(viewer: Viewer, role: string): void {
  requireOrganization(viewer);
  if (viewer.role !== role) {
    throw appError("FORBIDDEN", `This needs the "${role}" role in your organization.`);
  }
}

export function requirePermission(viewer: Viewer, permission: string): void {
  requireOrganization(viewer);
  if (!viewer.permissions.includes(permission)) {
    throw appError(
      "FORBIDDEN",
      `Your role does not include the "${permission}" permission. Ask an organization admin for it.`,
    );
  }
}

/** The permissions this app checks (WorkOS roles grant them; see emulators/authkit/demo-world.ts). */
export type Permission = "notes:read" | "notes:write" | "notes:delete" | "members:manage";

export type MemberOptions = { permission?: Permission };

function requireMember(viewer: Viewer, { permission }: MemberOptions): { viewer: Viewer; member: Member } {
  const orgId = requireOrganization(viewer);
  if (permission !== undefined) requirePermission(viewer, permission);
  const access = viewer.access as Extract<Access, { kind: "member" }>;
  return { viewer, member: { orgId, orgName: access.organizationName, role: access.role, permissions: access.permissions, membershipId: access.membershipId } };
}

const viewerCtx = customCtx(async (ctx: QueryCtx | MutationCtx) => ({ viewer: await requireViewer(ctx) }));
const memberCtx = customCtx(async (ctx: QueryCtx | MutationCtx, options: MemberOptions) =>
  requireMember(await requireViewer(ctx), options),
);
const managerCtx = customCtx(async (ctx: QueryCtx | MutationCtx) =>
  requireMember(await requireViewer(ctx), { permission: "members:manage" }),
);

/** A public query that only signed-in callers reach. */
export const viewerQuery = customQuery(query, viewerCtx);
/** A public mutation that only signed-in callers reach. */
export const viewerMutation = customMutation(mutation, viewerCtx);
/** A public action that only signed-in callers reach. */
export const viewerAction = customAction(
  action,
  customCtx(async (ctx: ActionCtx) => ({ viewer: await requireActionViewer(ctx) })),
);

/** Members of the caller's organization only; `permission` narrows it further. */
export const memberQuery = customQuery(query, memberCtx);
export const memberMutation = customMutation(mutation, memberCtx);
export const memberAction = customAction(
  action,
  customCtx(async (ctx: ActionCtx, options: MemberOptions) => requireMember(await requireActionViewer(ctx), options)),
);

/** Members holding `members:manage` only. */
export const managerQuery = customQuery(query, managerCtx);
export const managerMutation = customMutation(mutation, managerCtx);
export const managerAction = customAction(
  action,
  customCtx(async (ctx: ActionCtx) => requireMember(await requireActionViewer(ctx), { permission: "members:manage" })),
);

export type ViewerQueryCtx = QueryCtx & { viewer: Viewer };
export type ViewerMutationCtx = MutationCtx & { viewer: Viewer };
