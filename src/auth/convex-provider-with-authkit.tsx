import type { useAuth as useAuthKit } from "@workos-inc/authkit-react";
import { ConvexProviderWithAuth } from "convex/react";
import { useEffect, useMemo, useRef, type ReactNode } from "react";
import { createTokenFetcher, type TokenFetcherOptions } from "./token-fetcher";

/** The part of authkit-react's `useAuth()` the hand-off reads. */
export type AuthKitAuth = Pick<
  ReturnType<typeof useAuthKit>,
  "isLoading" | "user" | "getAccessToken" | "organizationId" | "role"
>;

/**
 * The one place where WorkOS tokens are handed to Convex. Same props as `@convex-dev/workos`'s
 * `ConvexProviderWithAuthKit` (pass authkit-react's `useAuth`), hardened where that adapter
 * fails users:
 * - it forwards Convex's `forceRefreshToken` to `getAccessToken({ forceRefresh })` — the stock
 *   adapter's `useAuth` contract (`getAccessToken: () => …`) cannot carry it, which is why this
 *   wraps Convex's own `ConvexProviderWithAuth` the way `ConvexProviderWithClerk` does;
 * - transient refresh failures are retried, never reported as "signed out";
 * - a new user or organization (or role) makes a new `fetchAccessToken`, so Convex
 *   re-authenticates with the new token instead of keeping the old organization's.
 */
export function ConvexProviderWithAuthKit({
  children,
  client,
  useAuth,
  fetcherOptions,
}: {
  children: ReactNode;
  client: Parameters<typeof ConvexProviderWithAuth>[0]["client"];
  useAuth: () => AuthKitAuth;
  /** For tests: retry timing. */
  fetcherOptions?: Omit<TokenFetcherOptions, "isCurrent">;
}) {
  const useAuthForConvex = useAuthForConvexFrom(useAuth, fetcherOptions);
  return (
    <ConvexProviderWithAuth client={client} useAuth={useAuthForConvex}>
      {children}
    </ConvexProviderWithAuth>
  );
}

function useAuthForConvexFrom(
  useAuth: () => AuthKitAuth,
  fetcherOptions?: Omit<TokenFetcherOptions, "isCurrent">,
) {
  return useMemo(
    () =>
      function useAuthForConvex() {
        const { isLoading, user, getAccessToken, organizationId, role } = useAuth();
        const userId = user?.id ?? null;
        const current = useRef<unknown>(null);

        // A new session always begins with a page load in this SPA (the hosted sign-in redirects
        // back), so user id + organization + role identify the token's context.
        const fetchAccessToken = useMemo(() => {
          const fetcher = createTokenFetcher(getAccessToken, {
            ...fetcherOptions,
            isCurrent: () => current.current === fetcher,
          });
          return fetcher;
          // userId, organizationId and role are deliberate triggers: they are not read here, but a
          // new fetcher is what makes Convex fetch a token for the new context.
          // eslint-disable-next-line react-hooks/exhaustive-deps
        }, [getAccessToken, userId, organizationId, role]);

        useEffect(() => {
          current.current = fetchAccessToken;
          return () => {
            if (current.current === fetchAccessToken) current.current = null;
          };
        }, [fetchAccessToken]);

        return useMemo(
          () => ({ isLoading, isAuthenticated: user !== null, fetchAccessToken }),
          [isLoading, user, fetchAccessToken],
        );
      },
    [useAuth, fetcherOptions],
  );
}
