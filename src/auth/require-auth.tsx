import { useAuth } from "@workos-inc/authkit-react";
import { Authenticated, AuthLoading, Unauthenticated } from "convex/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useLocation } from "react-router-dom";
import { PageStatus } from "../components/page-status";
import { WaitingForConvex } from "./convex-connection-notice";
import { useSessionStatus } from "./session-status";
import { SignOutButton } from "./sign-out-button";

/**
 * The one guard in front of every signed-in page. Convex's gates decide: its children render only
 * once Convex has accepted the token (`<Authenticated>`: AuthKit knowing the user does not mean
 * Convex has the token yet), a loading state shows while anything is still being decided
 * (`<AuthLoading>`, never the signed-out UI: `loading`, by default a "Checking your session…" page;
 * a backend that cannot be reached is said either way), and otherwise (`<Unauthenticated>`) a signed-out
 * visitor is sent to sign in exactly once, with `returnTo` set to the page they asked for.
 */
export function RequireAuth({ children, loading }: { children: ReactNode; loading?: ReactNode }) {
  return (
    <>
      <AuthLoading>
        <WaitingForConvex title="Checking your session…">{loading}</WaitingForConvex>
      </AuthLoading>
      <Authenticated>{children}</Authenticated>
      <Unauthenticated>
        <NotAuthenticated />
      </Unauthenticated>
    </>
  );
}

/** Convex has no accepted token: either nobody is signed in, or Convex refused WorkOS's token. */
function NotAuthenticated() {
  const { user, signIn } = useAuth();
  const sessionStatus = useSessionStatus();
  const location = useLocation();
  const started = useRef(false);
  const [signInError, setSignInError] = useState<string | null>(null);

  const signedOut = user === null || sessionStatus === "ended";
  const returnTo = location.pathname + location.search + location.hash;

  useEffect(() => {
    if (!signedOut || started.current) return;
    started.current = true;
    signIn({ state: { returnTo } }).catch((error: unknown) => {
      setSignInError(error instanceof Error ? error.message : String(error));
    });
  }, [signedOut, signIn, returnTo]);

  if (signedOut) {
    return signInError === null ? (
      <PageStatus kind="loading" title="Taking you to sign in…" />
    ) : (
      <PageStatus kind="error" title="Could not start sign-in">
        <p>{signInError}</p>
        <p>
          <a href={`/sign-in?returnTo=${encodeURIComponent(returnTo)}`}>Try again</a>
        </p>
      </PageStatus>
    );
  }
  // WorkOS says you are signed in, but Convex refused the token: a configuration mismatch that
  // signing in again would only repeat (in a loop), so explain it instead.
  return (
    <PageStatus kind="error" title="Convex did not accept your sign-in">
      <p>
        You are signed in with WorkOS, but the Convex backend rejected the access token. This is a setup problem, not
        something you did. In the project, <code>npm run doctor</code> checks all of it (with{" "}
        <code>-- --token &lt;access token&gt;</code> it also tests the token Convex refused); by hand, check that:
      </p>
      <ul>
        <li>
          the Convex deployment has <code>WORKOS_CLIENT_ID</code> set to this app’s client ID (
          <code>npx convex env set WORKOS_CLIENT_ID client_…</code>);
        </li>
        <li>
          <code>WORKOS_API_URL</code> matches the AuthKit host the app uses (a custom auth domain changes the token
          issuer);
        </li>
        <li>
          <code>convex/auth.config.ts</code> has been pushed (<code>npx convex dev</code>).
        </li>
      </ul>
      <p className="actions">
        <button type="button" onClick={() => window.location.reload()}>
          Try again
        </button>
        <SignOutButton />
      </p>
    </PageStatus>
  );
}
