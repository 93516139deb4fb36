import { getClaims, useAuth } from "@workos-inc/authkit-react";
import { useEffect, useState } from "react";

export type TokenExpiry = { status: "loading" } | { status: "ok"; expiresAt: Date } | { status: "error"; message: string };

/**
 * When the current access token expires (AuthKit renews it shortly before). Re-read every
 * `intervalMs` so the account page follows the renewals.
 */
export function useAccessTokenExpiry(intervalMs = 30_000): TokenExpiry {
  const { getAccessToken, organizationId } = useAuth();
  const [expiry, setExpiry] = useState<TokenExpiry>({ status: "loading" });

  useEffect(() => {
    let cancelled = false;
    const read = () => {
      getAccessToken().then(
        (token) => {
          if (cancelled) return;
          const { exp } = getClaims(token);
          setExpiry({ status: "ok", expiresAt: new Date(exp * 1000) });
        },
        (error: unknown) => {
          if (!cancelled) setExpiry({ status: "error", message: error instanceof Error ? error.message : String(error) });
        },
      );
    };
    read();
    const timer = setInterval(read, intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [getAccessToken, organizationId, intervalMs]);

  return expiry;
}
