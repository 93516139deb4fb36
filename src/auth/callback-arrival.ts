/**
 * What the browser brought to the redirect URI, captured before AuthKit consumes it: AuthKit
 * strips `code`/`state` from the URL and deletes the PKCE verifier during the exchange, and it
 * reports a failed exchange only to the console. `/callback` reads this to explain a failure.
 */
export type CallbackArrival = {
  /** An authorization code was present. */
  hasCode: boolean;
  /** The PKCE verifier from `signIn()` was in sessionStorage, i.e. the sign-in began in this tab. */
  hadVerifier: boolean;
  /** An error WorkOS sent back instead of a code (e.g. `access_denied`, `organization_invalid`); callback-errors.ts explains it. */
  error: string | null;
  errorDescription: string | null;
  /** The raw `state` parameter (untrusted). */
  state: string | null;
};

// authkit-js keeps the verifier under this sessionStorage key (src/utils/storage-keys.ts).
const VERIFIER_KEY = "workos:code-verifier";

let arrival: CallbackArrival = {
  hasCode: false,
  hadVerifier: false,
  error: null,
  errorDescription: null,
  state: null,
};

export function readCallbackArrival(location: Pick<Location, "search">, storage: Pick<Storage, "getItem">): CallbackArrival {
  const params = new URLSearchParams(location.search);
  let hadVerifier = false;
  try {
    hadVerifier = storage.getItem(VERIFIER_KEY) !== null;
  } catch {
    // Storage can be blocked (privacy settings); the exchange will fail and we say so.
  }
  return {
    hasCode: params.has("code"),
    hadVerifier,
    error: params.get("error"),
    errorDescription: params.get("error_description"),
    state: params.get("state"),
  };
}

/** Called once by main.tsx, before AuthKit starts. */
export function rememberCallbackArrival(value: CallbackArrival): void {
  arrival = value;
}

export function getCallbackArrival(): CallbackArrival {
  return arrival;
}
