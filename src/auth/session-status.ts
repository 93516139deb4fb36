import { useSyncExternalStore } from "react";

/**
 * What the token hand-off last learned about the session, for the UI:
 * - `active`: tokens are flowing;
 * - `reconnecting`: refreshing failed for a reason that usually passes (network, WorkOS 5xx/429,
 *   a refresh lock held by another tab) and is being retried — the user is still signed in;
 * - `ended`: WorkOS says the session is over (`LoginRequiredError`); the user must sign in again.
 */
export type SessionStatus = "active" | "reconnecting" | "ended";

let status: SessionStatus = "active";
const listeners = new Set<() => void>();

export function setSessionStatus(next: SessionStatus): void {
  if (next === status) return;
  status = next;
  for (const listener of listeners) listener();
}

export function getSessionStatus(): SessionStatus {
  return status;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSessionStatus(): SessionStatus {
  return useSyncExternalStore(subscribe, getSessionStatus, getSessionStatus);
}
