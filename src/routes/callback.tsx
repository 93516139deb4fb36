import { useAuth } from "@workos-inc/authkit-react";
import type { ReactNode } from "react";
import { Link, Navigate } from "react-router-dom";
import { getCallbackArrival, type CallbackArrival } from "../auth/callback-arrival";
import { DEFAULT_RETURN_TO, safeReturnTo } from "../auth/return-to";
import { AppShellSkeleton } from "../components/PageSkeleton";
import { PageStatus } from "../components/PageStatus";

function tryAgainHref(arrival: CallbackArrival): string {
  let returnTo: unknown;
  try {
    returnTo = arrival.state ? (JSON.parse(arrival.state) as { returnTo?: unknown }).returnTo : undefined;
  } catch {
    returnTo = undefined;
  }
  const target = safeReturnTo(returnTo);
  return target === DEFAULT_RETURN_TO ? "/sign-in" : `/sign-in?returnTo=${encodeURIComponent(target)}`;
}

function Failure({ arrival, title, children }: { arrival: CallbackArrival; title: string; children: ReactNode }) {
  return (
    <PageStatus kind="error" title={title}>
      {children}
      <p className="actions">
        <Link to={tryAgainHref(arrival)}>Try again</Link>
        <Link to="/">Go to the home page</Link>
      </p>
    </PageStatus>
  );
}

/**
 * `/callback`: the redirect URI. AuthKitProvider exchanges the code by itself and, on success,
 * its `onRedirectCallback` navigates away; this page shows progress meanwhile and, when the
 * exchange cannot succeed, says why — AuthKit itself only logs that to the console.
 */
export default function CallbackPage() {
  const { isLoading, user } = useAuth();
  const arrival = getCallbackArrival();

  if (arrival.error !== null) {
    return (
      <Failure arrival={arrival} title="Sign-in was not completed">
        <p>
          WorkOS returned <code>{arrival.error}</code>
          {arrival.errorDescription ? `: ${arrival.errorDescription}` : "."}
        </p>
      </Failure>
    );
  }
  // The exchange and the navigation after it show the signed-in page's shell, which the page
  // then fills in: one loading state from here to the data, not a message per step.
  if (isLoading) return <AppShellSkeleton />;
  if (user !== null) {
    // With a code, onRedirectCallback is already navigating to where the sign-in started.
    return arrival.hasCode ? (
      <AppShellSkeleton />
    ) : (
      <Navigate to={DEFAULT_RETURN_TO} replace />
    );
  }
  if (!arrival.hasCode) {
    return (
      <Failure arrival={arrival} title="Nothing to finish here">
        <p>This address is where WorkOS sends you back after signing in, but it was opened without a sign-in code.</p>
      </Failure>
    );
  }
  if (!arrival.hadVerifier) {
    return (
      <Failure arrival={arrival} title="This sign-in can't be finished here">
        <p>
          The sign-in did not start in this browser tab (or its data was cleared), so the one-time proof it needs is
          missing. This also protects you from someone else’s sign-in link. Start again from this app.
        </p>
      </Failure>
    );
  }
  return (
    <Failure arrival={arrival} title="We couldn't finish signing you in">
      <p>
        The sign-in code was refused. It may have expired or been used already (for example after going back or
        reloading this page), or the connection to WorkOS failed.
      </p>
    </Failure>
  );
}
