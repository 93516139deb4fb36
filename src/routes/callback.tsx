import { useAuth } from "@workos-inc/authkit-react";
import type { ReactNode } from "react";
import { Link, Navigate } from "react-router-dom";
import { getCallbackArrival, type CallbackArrival } from "../auth/callback-arrival";
import { explainCallbackError, type NextStep } from "../auth/callback-errors";
import { DEFAULT_RETURN_TO, safeReturnTo } from "../auth/return-to";
import { AppShellSkeleton } from "../components/page-skeleton";
import { PageStatus } from "../components/page-status";

/** What the sign-in's `state` says (untrusted: anyone can craft a callback URL). */
function startedFrom(arrival: CallbackArrival): { returnTo: string; sso: boolean } {
  let state: { returnTo?: unknown; via?: unknown } = {};
  try {
    const parsed: unknown = arrival.state ? JSON.parse(arrival.state) : {};
    if (typeof parsed === "object" && parsed !== null) state = parsed;
  } catch {
    // Not ours: start over from the default.
  }
  return { returnTo: safeReturnTo(state.returnTo), sso: state.via === "sso" };
}

function withReturnTo(path: string, returnTo: string): string {
  return returnTo === DEFAULT_RETURN_TO ? path : `${path}?returnTo=${encodeURIComponent(returnTo)}`;
}

function hrefOf(step: NextStep, arrival: CallbackArrival): string {
  const { returnTo, sso } = startedFrom(arrival);
  const path = step === "sso-sign-in" || (step === "try-again" && sso) ? "/sign-in/sso" : "/sign-in";
  return withReturnTo(path, returnTo);
}

const STEP_LABEL: Record<NextStep, string> = {
  "try-again": "Try again",
  "normal-sign-in": "Use your normal sign-in",
  "sso-sign-in": "Sign in with SSO",
};

function Failure({ arrival, title, next = ["try-again"], children }: { arrival: CallbackArrival; title: string; next?: NextStep[]; children: ReactNode }) {
  return (
    <PageStatus kind="error" title={title}>
      {children}
      <p className="actions">
        {next.map((step) => (
          <Link key={step} to={hrefOf(step, arrival)}>
            {STEP_LABEL[step]}
          </Link>
        ))}
        <Link to="/">Go to the home page</Link>
      </p>
    </PageStatus>
  );
}

/** An error WorkOS sent instead of a code, as sentences, with WorkOS's own words for support. */
function WorkOSError({ arrival, error }: { arrival: CallbackArrival; error: string }) {
  const { title, explanation, next } = explainCallbackError(error);
  return (
    <Failure arrival={arrival} title={title} next={next}>
      <p>{explanation}</p>
      <p className="hint">
        WorkOS said <code>{error}</code>
        {arrival.errorDescription ? `: ${arrival.errorDescription}` : "."}
      </p>
    </Failure>
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
    return <WorkOSError arrival={arrival} error={arrival.error} />;
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
