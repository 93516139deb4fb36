import { setSessionStatus } from "./session-status";
import { classifyTokenError } from "./token-errors";

export type GetAccessToken = (options?: { forceRefresh?: boolean }) => Promise<string>;

export type TokenFetcherOptions = {
  /** Waits before retry n (0-based); the last entry repeats. */
  retryDelaysMs?: readonly number[];
  /** False once Convex has moved on to another fetcher (sign-out, organization switch, unmount). */
  isCurrent?: () => boolean;
  log?: (message: string, error: unknown) => void;
};

const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 15000] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Builds the `fetchAccessToken` Convex calls. Convex reads `null` as "signed out" (it clears auth
 * and reports unauthenticated) and a thrown error leaves it stuck, so this never throws and
 * returns `null` only when WorkOS says the session is over. Transient failures are retried with
 * backoff for as long as this fetcher is current. It never answers with an older token instead:
 * Convex asks with `forceRefreshToken` precisely to replace the token it has, and reads the same
 * token back as "no new token" (it stops scheduling refreshes, or gives up on re-authenticating).
 * Meanwhile Convex keeps using the token it has, and the header says "reconnecting".
 */
export function createTokenFetcher(getAccessToken: GetAccessToken, options: TokenFetcherOptions = {}) {
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const isCurrent = options.isCurrent ?? (() => true);
  const log = options.log ?? ((message, error) => console.warn(message, error));

  return async function fetchAccessToken({ forceRefreshToken }: { forceRefreshToken: boolean }): Promise<string | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        const token = await getAccessToken({ forceRefresh: forceRefreshToken });
        setSessionStatus("active");
        return token;
      } catch (error) {
        const kind = classifyTokenError(error);
        if (kind === "session-ended") {
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
        await sleep(delays[Math.min(attempt, delays.length - 1)] ?? 1000);
        // A superseded fetcher's answer is ignored by Convex; stop instead of retrying forever.
        if (!isCurrent()) return null;
      }
    }
  };
}
