import { ConvexError, type ObjectType, type PropertyValidators } from "convex/values";
import type { UserIdentity } from "convex/server";
import {
  mutation,
  query,
  type MutationCtx,
  type QueryCtx,
} from "./_generated/server";

/**
 * "Who is calling and may they" is decided here, once per request. Every public function is
 * built with `viewerQuery` / `viewerMutation`, which refuse anonymous callers before the handler
 * runs and hand it `ctx.viewer`: the verified identity plus the organization claims WorkOS puts in
 * the access token (`org_id`, `role`, `permissions`).
 */
export type Viewer = {
  identity: UserIdentity;
  tokenIdentifier: string;
  /** The organization the session is signed in to, or null for a user without one. */
  orgId: string | null;
  role: string | null;
  permissions: string[];
};

export type ErrorCode = "NOT_SIGNED_IN" | "FORBIDDEN" | "NOT_FOUND" | "INVALID_ARGUMENT";

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

export async function getViewer(ctx: { auth: QueryCtx["auth"] }): Promise<Viewer | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  return {
    identity,
    tokenIdentifier: identity.tokenIdentifier,
    orgId: stringClaim(identity, "org_id"),
    role: stringClaim(identity, "role"),
    permissions: stringListClaim(identity, "permissions"),
  };
}

export async function requireViewer(ctx: { auth: QueryCtx["auth"] }): Promise<Viewer> {
  const viewer = await getViewer(ctx);
  if (viewer === null) {
    throw appError("NOT_SIGNED_IN", "You are not signed in. Sign in and try again.");
  }
  return viewer;
}

export function requireOrganization(viewer: Viewer): string {
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

export type ViewerQueryCtx = QueryCtx & { viewer: Viewer };
export type ViewerMutationCtx = MutationCtx & { viewer: Viewer };

/** A public query that only signed-in callers reach. */
export function viewerQuery<Args extends PropertyValidators, Result>(definition: {
  args: Args;
  handler: (ctx: ViewerQueryCtx, args: ObjectType<Args>) => Promise<Result>;
}) {
  return query({
    args: definition.args,
    handler: async (ctx, args: ObjectType<Args>): Promise<Result> =>
      definition.handler({ ...ctx, viewer: await requireViewer(ctx) }, args),
  });
}

/** A public mutation that only signed-in callers reach. */
export function viewerMutation<Args extends PropertyValidators, Result>(definition: {
  args: Args;
  handler: (ctx: ViewerMutationCtx, args: ObjectType<Args>) => Promise<Result>;
}) {
  return mutation({
    args: definition.args,
    handler: async (ctx, args: ObjectType<Args>): Promise<Result> =>
      definition.handler({ ...ctx, viewer: await requireViewer(ctx) }, args),
  });
}
