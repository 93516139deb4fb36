import { LoginRequiredError } from "@workos-inc/authkit-react";

export type TokenErrorKind = "session-ended" | "transient" | "unknown";

const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Sorts a `getAccessToken()` failure. Only `LoginRequiredError` means the session is over
 * (authkit-js converts a terminal refresh failure, e.g. `invalid_grant`, into it). Everything else
 * — a network `TypeError`, a `RefreshError` with `isTransient` or a 408/429/5xx status, the
 * `RefreshTimeoutError` of a refresh lock held by another tab — says nothing about the session.
 * authkit-react does not re-export those classes, so they are recognised by name and shape.
 */
export function classifyTokenError(error: unknown): TokenErrorKind {
  if (error instanceof LoginRequiredError) return "session-ended";
  if (typeof error !== "object" || error === null) return "unknown";
  const { name, isTransient, status } = error as { name?: unknown; isTransient?: unknown; status?: unknown };
  if (error instanceof TypeError) return "transient";
  if (name === "RefreshTimeoutError" || name === "AcquisitionTimeoutError") return "transient";
  if (isTransient === true) return "transient";
  if (typeof status === "number" && TRANSIENT_STATUSES.has(status)) return "transient";
  return "unknown";
}
