import type { Invitation } from "@workos-inc/node";
import { v, type Infer } from "convex/values";
import { internal } from "./_generated/api";
import { action, internalQuery } from "./_generated/server";
import { appError, managerAction, managerQuery, type Member } from "./functions";
import { PROFILE_FIELD_MAX_LENGTH } from "./limits";
import { workos } from "./workos/client";
import { callWorkOS, workosError } from "./workos/errors";
import { fromSdk, invitationState } from "./workos/records";

const invitationView = v.object({
  /** The WorkOS invitation id (`invitation_…`): what resend and revoke take. */
  invitationId: v.string(),
  email: v.string(),
  role: v.union(v.string(), v.null()),
  state: invitationState,
  expiresAt: v.number(),
  /** Still pending in WorkOS but past its expiry: resending renews it. */
  expired: v.boolean(),
});

function cleanEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (trimmed.length > PROFILE_FIELD_MAX_LENGTH || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) {
    throw appError("INVALID_ARGUMENT", `"${email.trim()}" is not an email address. Check it and try again.`);
  }
  return trimmed;
}

function cleanRole(role: string): string {
  const slug = role.trim();
  if (!/^[a-z0-9][a-z0-9_:-]{0,63}$/.test(slug)) throw appError("INVALID_ARGUMENT", `"${role}" is not a role. Pick one of the organization's roles.`);
  return slug;
}

/** The organization's name for sentences, from the mirror. */
export const organizationName = internalQuery({
  args: { organizationId: v.string() },
  returns: v.union(v.string(), v.null()),
  handler: async (ctx, { organizationId }) =>
    (
      await ctx.db
        .query("organizations")
        .withIndex("by_workos_id", (q) => q.eq("workosId", organizationId))
        .unique()
    )?.name ?? null,
});

type InvitationView = Infer<typeof invitationView>;

function view(i: Invitation, role: string | null): InvitationView {
  const expiresAt = Date.parse(i.expiresAt);
  return { invitationId: i.id, email: i.email, role, state: i.state, expiresAt, expired: i.state === "pending" && expiresAt < Date.now() };
}

/** Invites someone to the caller's organization with a role; WorkOS emails them the link. */
export const send = managerAction({
  args: { email: v.string(), role: v.string() },
  returns: invitationView,
  handler: async (ctx, args): Promise<InvitationView> => {
    const email = cleanEmail(args.email);
    const role = cleanRole(args.role);
    const organizationName = ctx.member.orgName ?? undefined;
    const client = workos();
    const invitation: Invitation = await callWorkOS({ doing: `invite ${email} to ${ctx.member.orgId}`, email, organizationName, role }, () =>
      client.userManagement.sendInvitation({ email, organizationId: ctx.member.orgId, roleSlug: role, inviterUserId: ctx.viewer.subject }),
    );
    await ctx.runMutation(internal.workos.mirror.write, { invitations: [fromSdk.invitation(invitation, role)] });
    return view(invitation, role);
  },
});

/** The organization's pending invitations, newest first. */
export const listPending = managerQuery({
  args: {},
  returns: v.array(invitationView),
  handler: async (ctx) => {
    const rows = await ctx.db
      .query("invitations")
      .withIndex("by_organization_and_state", (q) => q.eq("organizationId", ctx.member.orgId).eq("state", "pending"))
      .order("desc")
      .collect();
    const now = Date.now();
    return rows
      .filter((i) => i.deletedAt === undefined)
      .map((i) => ({
        invitationId: i.workosId,
        email: i.email,
        role: i.roleSlug ?? null,
        state: i.state,
        expiresAt: i.expiresAt,
        expired: i.expiresAt < now,
      }));
  },
});

/** The invitation, from WorkOS, if it is one of the caller's organization's; else NOT_FOUND. */
async function ownInvitation(member: Member, invitationId: string): Promise<Invitation> {
  const missing = () => appError("NOT_FOUND", "This invitation is not one of your organization's (any more). Reload the list.");
  if (!/^invitation_[A-Za-z0-9]{1,100}$/.test(invitationId)) throw missing();
  const invitation = await workos()
    .userManagement.getInvitation(invitationId)
    .catch((error: { status?: number }) => {
      if (error.status === 404) throw missing();
      throw workosError(error, { doing: `read ${invitationId}` });
    });
  if (invitation.organizationId !== member.orgId) throw missing();
  return invitation;
}

/** The role an invitation was sent with, which WorkOS's SDK does not return. */
export const mirroredRole = internalQuery({
  args: { invitationId: v.string() },
  returns: v.union(v.string(), v.null()),
  handler: async (ctx, { invitationId }) =>
    (
      await ctx.db
        .query("invitations")
        .withIndex("by_workos_id", (q) => q.eq("workosId", invitationId))
        .unique()
    )?.roleSlug ?? null,
});

/** Sends a pending invitation's email again (WorkOS renews an expired one). */
export const resend = managerAction({
  args: { invitationId: v.string() },
  returns: invitationView,
  handler: async (ctx, { invitationId }): Promise<InvitationView> => {
    const current = await ownInvitation(ctx.member, invitationId);
    const organizationName = ctx.member.orgName ?? undefined;
    const invitation: Invitation = await callWorkOS({ doing: `resend ${invitationId}`, email: current.email, organizationName }, () =>
      workos().userManagement.resendInvitation(invitationId),
    );
    const role: string | null = await ctx.runQuery(internal.invitations.mirroredRole, { invitationId });
    await ctx.runMutation(internal.workos.mirror.write, { invitations: [fromSdk.invitation(invitation, role ?? undefined)] });
    return view(invitation, role);
  },
});

/** Revokes a pending invitation: its link stops working. */
export const revoke = managerAction({
  args: { invitationId: v.string() },
  returns: invitationView,
  handler: async (ctx, { invitationId }): Promise<InvitationView> => {
    const current = await ownInvitation(ctx.member, invitationId);
    const invitation: Invitation = await callWorkOS({ doing: `revoke ${invitationId}`, email: current.email }, () =>
      workos().userManagement.revokeInvitation(invitationId),
    );
    const role: string | null = await ctx.runQuery(internal.invitations.mirroredRole, { invitationId });
    await ctx.runMutation(internal.workos.mirror.write, { invitations: [fromSdk.invitation(invitation, role ?? undefined)] });
    return view(invitation, role);
  },
});

const lookupResult = v.union(
  v.object({ status: v.literal("unknown") }),
  v.object({
    status: v.union(v.literal("pending"), v.literal("expired"), v.literal("revoked"), v.literal("accepted")),
    /** Who was invited (for AuthKit's `loginHint`). */
    email: v.string(),
    organizationId: v.union(v.string(), v.null()),
    organizationName: v.union(v.string(), v.null()),
    expiresAt: v.number(),
  }),
);

/**
 * What an invitation link is: which organization invited which email, its state and expiry.
 * Public (the invitee is usually signed out); it answers only about the invitation the token
 * names, and an unknown token is `{ status: "unknown" }`.
 */
export const lookup = action({
  args: { token: v.string() },
  returns: lookupResult,
  handler: async (ctx, { token }): Promise<Infer<typeof lookupResult>> => {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return { status: "unknown" as const };
    const client = workos();
    let invitation: Invitation;
    try {
      invitation = await client.userManagement.findInvitationByToken(token);
    } catch (error) {
      if ((error as { status?: number }).status === 404) return { status: "unknown" as const };
      throw workosError(error, { doing: "look up an invitation by its token" });
    }
    const expiresAt = Date.parse(invitation.expiresAt);
    const status = invitation.state === "pending" && expiresAt < Date.now() ? "expired" : invitation.state;
    let organizationName: string | null = null;
    if (invitation.organizationId) {
      organizationName = await ctx.runQuery(internal.invitations.organizationName, { organizationId: invitation.organizationId });
      if (organizationName === null) {
        organizationName = await client.organizations
          .getOrganization(invitation.organizationId)
          .then((o) => o.name)
          .catch(() => null);
      }
    }
    return { status, email: invitation.email, organizationId: invitation.organizationId, organizationName, expiresAt };
  },
});
