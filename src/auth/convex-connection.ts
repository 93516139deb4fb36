import { useConvexConnectionState } from "convex/react";
import { useEffect, useState } from "react";

/** How long a missing connection is normal (the first connect, a quick reconnect) before it is said. */
export const UNREACHABLE_AFTER_MS = 3000;

/**
 * Whether the Convex backend can be reached, as the user should hear it: `ok` while connected or
 * within the grace period, `unreachable` when the client has never connected, `reconnecting` when
 * a connection it had was lost. The client keeps retrying on its own in both cases.
 */
export type ConvexReach = "ok" | "unreachable" | "reconnecting";

export function useConvexReach(graceMs = UNREACHABLE_AFTER_MS): ConvexReach {
  const { isWebSocketConnected, hasEverConnected } = useConvexConnectionState();
  const [overdue, setOverdue] = useState(false);

  useEffect(() => {
    if (isWebSocketConnected) return;
    const timer = setTimeout(() => setOverdue(true), graceMs);
    // Reconnected (or gone): the next loss gets its own grace period.
    return () => {
      clearTimeout(timer);
      setOverdue(false);
    };
  }, [isWebSocketConnected, graceMs]);

  if (isWebSocketConnected || !overdue) return "ok";
  return hasEverConnected ? "reconnecting" : "unreachable";
}
