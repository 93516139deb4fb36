import { setSessionStatus } from "./session-status";
import { classifyTokenError } from "./token-errors";

export type GetAccessToken = (options?: { forceRefresh?: boolean }) => Promise<string>;

export type TokenFetcherOptions = {
  /** Waits before retry n (0-based); the last entry repeats. */
  retryDelaysMs?: readonly number[];
  /** Failed attempts after which a still-valid earlier token is handed over instead of waiting. */
  attemptsBeforeFallback?: number;
  /** False once Convex has moved on to another fetcher (sign-out, organization switch, unmount). */
  isCurrent?: () => boolean;
  now?: () => number;
  log?: (message: string, error: unknown) => void;
};

export const DEFAULT_RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 15000] as const;
// A token this close to expiry would be rejected by Convex before it is useful.
const EXPIRY_MARGIN_MS = 5000;

function expiresAtMs(token: string): number | null {
  try {
    const payload = token.split(".")[1];
    if (!payload) return null;
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp * 1000 : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Builds the `fetchAccessToken` Convex calls. Convex reads `null` as "signed out" (it clears auth
 * and reports unauthenticated) and a thrown error leaves it stuck, so this never throws and
 * returns `null` only when WorkOS says the session is over. Transient failures are retried with
 * backoff for as long as this fetcher is current; after a few attempts a still-valid token from
 * earlier is handed over so a short outage costs nothing.
 */
export function createTokenFetcher(getAccessToken: GetAccessToken, options: TokenFetcherOptions = {}) {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const attemptsBeforeFallback = options.attemptsBeforeFallback ?? 4;
  const isCurrent = options.isCurrent ?? (() => true);
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message, error) => console.warn(message, error));
  let lastGoodToken: string | null = null;

  return async function fetchAccessToken({ forceRefreshToken }: { forceRefreshToken: boolean }): Promise<string | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        const token = await getAccessToken({ forceRefresh: forceRefreshToken });
        lastGoodToken = token;
        setSessionStatus("active");
        return token;
      } catch (error) {
        const kind = classifyTokenError(error);
        if (kind === "session-ended") {
          lastGoodToken = null;
          setSessionStatus("ended");
          return null;
        }
        if (attempt === 0) {
          log(
            kind === "transient"
              ? "Could not refresh the WorkOS session (temporary); retrying."
              : "Unexpected error while getting a WorkOS access token; retrying.",
            error,
          );
        }
        setSessionStatus("reconnecting");
        if (attempt + 1 >= attemptsBeforeFallback && lastGoodToken !== null) {
          const expiresAt = expiresAtMs(lastGoodToken);
          if (expiresAt !== null && expiresAt - EXPIRY_MARGIN_MS > now()) return lastGoodToken;
        }
        await sleep(delays[Math.min(attempt, delays.length - 1)] ?? 1000);
        // A superseded fetcher's answer is ignored by Convex; stop instead of retrying forever.
        if (!isCurrent()) return null;
      }
    }
  };
}
