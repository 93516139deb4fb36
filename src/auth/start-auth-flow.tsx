import { useAuth } from "@workos-inc/authkit-react";
import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { PageStatus } from "../components/page-status";
import { safeReturnTo } from "./return-to";

type Mode = "sign-in" | "sign-up";

/** The options AuthKit's `signIn`/`signUp` take, read from the sign-in endpoint's query string. */
export function authOptionsFromQuery(params: URLSearchParams, origin: string = window.location.origin) {
  const loginHint = params.get("login_hint") ?? undefined;
  const organizationId = params.get("organization_id") ?? undefined;
  const invitationToken = params.get("invitation_token") ?? undefined;
  const returnTo = safeReturnTo(params.get("returnTo"), origin);
  return { loginHint, organizationId, invitationToken, state: { returnTo } };
}

/**
 * The body of `/sign-in` and `/sign-up`: starts AuthKit's hosted flow exactly once — also under
 * StrictMode, whose double effects would otherwise create two PKCE verifiers and race two
 * redirects — once AuthKit is ready (before that, `signIn` is a no-op).
 */
export function StartAuthFlow({ mode }: { mode: Mode }) {
  const { isLoading, signIn, signUp } = useAuth();
  const [params] = useSearchParams();
  const started = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (isLoading || started.current) return;
    started.current = true;
    const start = mode === "sign-up" ? signUp : signIn;
    start(authOptionsFromQuery(params)).catch((reason: unknown) => {
      setError(reason instanceof Error ? reason.message : String(reason));
    });
  }, [isLoading, mode, params, signIn, signUp, attempt]);

  const verb = mode === "sign-up" ? "sign up" : "sign in";
  if (error !== null) {
    return (
      <PageStatus kind="error" title={`Could not start ${verb === "sign up" ? "sign-up" : "sign-in"}`}>
        <p>{error}</p>
        <p>Check your connection and that the WorkOS settings of this app are right, then try again.</p>
        <button
          type="button"
          onClick={() => {
            started.current = false;
            setError(null);
            setAttempt((n) => n + 1);
          }}
        >
          Try again
        </button>
      </PageStatus>
    );
  }
  return <PageStatus kind="loading" title={`Taking you to ${verb}…`} />;
}
