import { useAuth } from "@workos-inc/authkit-react";
import { useQuery } from "convex/react";
import { useEffect, useRef } from "react";
import { api } from "../../convex/_generated/api";

/**
 * Refreshes the session when the caller's role in WorkOS (as Convex's mirror has it, through
 * `users.me`) is not the one their access token carries: after a manager changed it, the caller's
 * own change included. Convex applies the new role at once; this brings the token, and with it
 * AuthKit's `role` and `permissions`, up to date too. The refreshed token reaches Convex through
 * the one hand-off (a new role makes a new token fetcher there).
 *
 * Each difference is refreshed for once: if WorkOS still issues the old role, the page does not
 * refresh in a loop. A caller who is not a member any more (`role` null) is left alone; their
 * page says so instead (`users.me`'s `accessProblem`).
 */
export function useTokenFollowsRole(): void {
  const { organizationId, role, getAccessToken } = useAuth();
  const me = useQuery(api.users.me, {});
  const mirrored = me !== undefined && me.orgId === organizationId ? me.role : null;
  const refreshedFor = useRef<string | null>(null);

  useEffect(() => {
    if (mirrored === null || role === null || mirrored === role) return;
    const difference = `${organizationId ?? ""}:${role}→${mirrored}`;
    if (refreshedFor.current === difference) return;
    refreshedFor.current = difference;
    getAccessToken({ forceRefresh: true }).catch((error: unknown) => {
      // Not fatal: Convex already applies the new role; the token catches up at its next refresh.
      console.warn(`Could not refresh the session for the new role "${mirrored}".`, error);
    });
  }, [mirrored, role, organizationId, getAccessToken]);
}
