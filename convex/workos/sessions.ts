import type { Session } from "@workos-inc/node";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { internalAction, internalMutation, internalQuery, type MutationCtx } from "../_generated/server";
import { workos } from "./client";
import { asSdkError } from "./errors";

/**
 * Ending a deprovisioned person's WorkOS sessions for the organization the directory removed them
 * from. Convex already refuses them at once (access.ts reads the mirror); this also ends the
 * sessions themselves, so their next token refresh fails and the app signs them out of it, and a
 * reload cannot bring the organization back. The mirror asks for it in the mutation that
 * deprovisions (one request per person and organization, kept in `sessionRevocations`), and an
 * action does it through the one WorkOS client, retrying with backoff.
 */

/** Attempts before giving up, and the backoff between them (doubling from the first, at most the cap). */
export const MAX_ATTEMPTS = 10;
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 5 * 60_000;

export function retryDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), MAX_RETRY_MS);
}

async function revocationOf(ctx: Pick<MutationCtx, "db">, userId: string, organizationId: string): Promise<Doc<"sessionRevocations"> | null> {
  return await ctx.db
    .query("sessionRevocations")
    .withIndex("by_user_and_organization", (q) => q.eq("userId", userId).eq("organizationId", organizationId))
    .unique();
}

/**
 * Asks for `userId`'s sessions in `organizationId` to be revoked, once: while a request for them
 * stands (pending, done or given up), a replayed or second deprovisioning event asks for nothing
 * more. Called from the mutation that deprovisions, so the request commits with it.
 */
export async function requestSessionRevocation(ctx: MutationCtx, userId: string, organizationId: string): Promise<void> {
  if ((await revocationOf(ctx, userId, organizationId)) !== null) return;
  const revocationId = await ctx.db.insert("sessionRevocations", { userId, organizationId, state: "pending", attempts: 0, requestedAt: Date.now() });
  await ctx.scheduler.runAfter(0, internal.workos.sessions.revoke, { revocationId });
}

/**
 * The person is a member again (reactivated by the directory): a standing request is dropped, so
 * a retry still pending cannot end the sessions they sign in with now, and a later
 * deprovisioning asks afresh.
 */
export async function forgetSessionRevocation(ctx: MutationCtx, userId: string, organizationId: string): Promise<void> {
  const row = await revocationOf(ctx, userId, organizationId);
  if (row !== null) await ctx.db.delete("sessionRevocations", row._id);
}

/** The request, while it is still to be done (null once done, given up, or dropped by a reactivation). */
export const pending = internalQuery({
  args: { revocationId: v.id("sessionRevocations") },
  handler: async (ctx, { revocationId }): Promise<Doc<"sessionRevocations"> | null> => {
    const row = await ctx.db.get("sessionRevocations", revocationId);
    return row !== null && row.state === "pending" ? row : null;
  },
});

export const finished = internalMutation({
  args: { revocationId: v.id("sessionRevocations"), revokedSessionIds: v.array(v.string()) },
  returns: v.null(),
  handler: async (ctx, { revocationId, revokedSessionIds }) => {
    const row = await ctx.db.get("sessionRevocations", revocationId);
    if (row === null) return null;
    await ctx.db.patch("sessionRevocations", revocationId, { state: "done", attempts: row.attempts + 1, revokedSessionIds, finishedAt: Date.now(), lastError: undefined });
    return null;
  },
});

/** One failed attempt: retried after the backoff, or given up (and said in the log) after MAX_ATTEMPTS or a failure no retry mends. */
export const attemptFailed = internalMutation({
  args: { revocationId: v.id("sessionRevocations"), error: v.string(), permanent: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { revocationId, error, permanent }) => {
    const row = await ctx.db.get("sessionRevocations", revocationId);
    if (row === null || row.state !== "pending") return null;
    const attempts = row.attempts + 1;
    const what = `Ending the sessions of ${row.userId} in ${row.organizationId}`;
    if (permanent || attempts >= MAX_ATTEMPTS) {
      await ctx.db.patch("sessionRevocations", revocationId, { state: "failed", attempts, lastError: error, finishedAt: Date.now() });
      console.error(
        `${what} failed ${attempts} time(s) and is given up: ${error}. Convex still refuses them in the organization; revoke their sessions in the WorkOS dashboard (User → Sessions).`,
      );
      return null;
    }
    const delay = retryDelayMs(attempts);
    await ctx.db.patch("sessionRevocations", revocationId, { attempts, lastError: error });
    await ctx.scheduler.runAfter(delay, internal.workos.sessions.revoke, { revocationId });
    console.warn(`${what} failed (attempt ${attempts} of ${MAX_ATTEMPTS}): ${error}. Retrying in ${Math.round(delay / 1000)} s.`);
    return null;
  },
});

const statusOf = (error: unknown) => asSdkError(error).status;
const describe = (error: unknown) => {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return status === undefined ? message : `WorkOS answered ${status}: ${message}`;
};
/** 401/403 (the key) and 422 (the request) fail the same way again; everything else may pass (network, 5xx, 429). */
const isPermanent = (error: unknown) => [400, 401, 403, 422].includes(statusOf(error) ?? 0) || (error as { data?: { code?: unknown } }).data?.code === "WORKOS_NOT_CONFIGURED";

/**
 * Lists the person's WorkOS sessions and revokes the active ones signed in to the organization:
 * their next refresh is refused, so the app signs them out of it. Idempotent: a session already
 * ended is not listed, a session gone by the time it is revoked (404) is skipped, and a person
 * WorkOS no longer has (404) has no session left.
 */
export const revoke = internalAction({
  args: { revocationId: v.id("sessionRevocations") },
  returns: v.null(),
  handler: async (ctx, { revocationId }): Promise<null> => {
    const job = await ctx.runQuery(internal.workos.sessions.pending, { revocationId });
    if (job === null) return null;
    const { userId, organizationId } = job;
    try {
      const um = workos().userManagement;
      let sessions: Session[];
      try {
        sessions = await (await um.listSessions(userId)).autoPagination();
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
        sessions = [];
      }
      const theirs = sessions.filter((s) => s.organizationId === organizationId && s.status === "active");
      const revoked: string[] = [];
      for (const session of theirs) {
        try {
          await um.revokeSession({ sessionId: session.id });
          revoked.push(session.id);
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
        }
      }
      await ctx.runMutation(internal.workos.sessions.finished, { revocationId, revokedSessionIds: revoked });
      console.log(`Ended ${revoked.length} WorkOS session(s) of ${userId} in ${organizationId}: the directory deprovisioned them.`);
    } catch (error) {
      await ctx.runMutation(internal.workos.sessions.attemptFailed, { revocationId, error: describe(error), permanent: isPermanent(error) });
    }
    return null;
  },
});
