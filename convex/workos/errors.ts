import type { ConvexError } from "convex/values";
import { appError, type AppErrorData } from "../functions";

/** What the action was about, so the sentence can name it. */
export type WorkOSErrorContext = {
  /** "invite bob@acme.test": what was being done, for the log line. */
  doing: string;
  email?: string;
  organizationName?: string;
  role?: string;
};

type SdkError = { status?: number; code?: string; message?: string; retryAfter?: number; requestID?: string; rawData?: { code?: unknown } };

/** The fields of what the WorkOS SDK throws that this app reads (all absent for anything else). */
export function asSdkError(error: unknown): SdkError {
  if (typeof error !== "object" || error === null) return {};
  const e = error as SdkError;
  // A 400 without `errors[]` becomes the SDK's GenericServerException, with `code` only in rawData.
  const rawCode = typeof e.rawData?.code === "string" ? e.rawData.code : undefined;
  return { status: e.status, code: e.code ?? rawCode, message: e.message, retryAfter: e.retryAfter, requestID: e.requestID };
}

/** A sentence for a WorkOS error `code` (the SDK's BadRequest/UnprocessableEntity/NotFound `code`). */
function sentenceForCode(code: string, c: WorkOSErrorContext): string | null {
  const who = c.email ?? "This person";
  const org = c.organizationName ?? "this organization";
  switch (code) {
    case "user_already_organization_member":
      return `${who} is already a member of ${org}.`;
    case "email_already_invited_to_organization":
    case "email_already_invited":
      return `${who} already has a pending invitation to ${org}. Resend it from the list of invitations instead.`;
    case "user_already_exists":
      return `${who} already has an account. Invite them to ${org} instead.`;
    case "invalid_role":
      return c.role ? `${org} has no role "${c.role}". Pick one of its roles.` : `${org} has no such role. Pick one of its roles.`;
    case "email_domain_not_deliverable":
      return `WorkOS cannot deliver email to ${who}. Check the address.`;
    case "organization_blocked_from_sending_invites":
      return `${org} may not send invitations at the moment. Contact WorkOS support.`;
    case "invite_expired":
      return "This invitation has expired. Send a new one.";
    case "invite_revoked":
      return "This invitation was revoked. Send a new one.";
    case "invite_accepted":
      return "This invitation has already been accepted.";
    case "invite_not_pending":
    case "invalid_invitation_state":
      return "This invitation is no longer pending (accepted, revoked or expired). Reload the list.";
    case "cannot_reactivate_pending_organization_membership":
      return "This person has not accepted their invitation yet.";
    case "entity_not_found":
    case "not_found":
      return "WorkOS does not know it (it may have just been deleted). Reload and try again.";
    default:
      return null;
  }
}

/**
 * Turns anything the WorkOS SDK throws into a ConvexError the app can show as is: the status and
 * `code` mapped to words, never WorkOS's raw body. The details (status, code, request id) go to
 * the Convex log, where the administrator can find them.
 */
export function workosError(error: unknown, context: WorkOSErrorContext): ConvexError<AppErrorData> {
  const e = asSdkError(error);
  const status = typeof e.status === "number" ? e.status : undefined;
  console.error(
    `WorkOS refused to ${context.doing}: ${status ?? "no status"} ${e.code ?? ""} ${e.message ?? String(error)}` +
      (e.requestID ? ` (request ${e.requestID})` : ""),
  );
  const byCode = e.code ? sentenceForCode(e.code, context) : null;
  if (byCode !== null) return appError("WORKOS_ERROR", byCode);
  if (error instanceof TypeError || status === undefined || status >= 500 || status === 408) {
    return appError("WORKOS_ERROR", "WorkOS could not be reached just now. Try again in a moment.");
  }
  if (status === 401 || status === 403) {
    return appError("WORKOS_ERROR", "WorkOS refused this app's credentials. The administrator has been told why in the Convex logs.");
  }
  if (status === 404) return appError("WORKOS_ERROR", sentenceForCode("not_found", context)!);
  if (status === 429) {
    const wait = typeof e.retryAfter === "number" && e.retryAfter > 0 ? `${Math.ceil(e.retryAfter)} seconds` : "a moment";
    return appError("WORKOS_ERROR", `WorkOS is receiving too many requests. Try again in ${wait}.`);
  }
  if (status === 409) return appError("WORKOS_ERROR", "That conflicts with something that already exists in WorkOS.");
  return appError("WORKOS_ERROR", "WorkOS did not accept this. Check what you entered and try again.");
}

/** Runs one SDK call and turns its failure into `workosError`. */
export async function callWorkOS<T>(context: WorkOSErrorContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw workosError(error, context);
  }
}
