import { useAuth } from "@workos-inc/authkit-react";
import { Authenticated, AuthLoading, Unauthenticated } from "convex/react";
import type { ReactNode } from "react";
import { Link, Navigate, useNavigate } from "react-router-dom";
import { DEFAULT_RETURN_TO } from "../auth/return-to";
import { APP_NAME, BrandMark } from "../components/brand";
import { SiteFooter } from "../components/site-footer";
import { LoadingAnnouncement, Skeleton } from "../components/skeleton";

/** What a developer gets by starting from this repository, one line each. */
const FEATURES: readonly (readonly [string, string])[] = [
  ["Sign-in with WorkOS AuthKit", "hosted sign-in and sign-up, and one route guard that brings people back to the page they asked for."],
  ["Live data in Convex", "every note pushed to every open tab, behind one shared auth check."],
  ["Organizations, roles, permissions", "read from the session and checked in every Convex function."],
  ["Sessions that hold", "network blips and WorkOS hiccups are retried, not read as signed out."],
  ["Runs offline", "a local AuthKit and a local Convex ship with it: no accounts needed to start."],
  ["Tested", "component tests with renderWithAuth, browser tests with Playwright."],
];

/**
 * `/`: what this is, and the way in. Convex's gates decide what shows; someone with a session goes
 * straight to the signed-in home (as soon as AuthKit knows them), where the route guard waits for
 * Convex to confirm it.
 */
export function Landing() {
  return (
    <>
      <header className="site-header">
        <span className="brand">
          <BrandMark />
          {APP_NAME}
        </span>
      </header>
      <main className="page page-narrow landing">
        <h1>Notes, signed in with WorkOS, synced by Convex</h1>
        <p className="lead">A starter for React apps on WorkOS AuthKit and Convex.</p>
        <AuthLoading>
          <ToHomeOnceKnown>
            <SignInChoicesPlaceholder />
          </ToHomeOnceKnown>
        </AuthLoading>
        <Authenticated>
          <Navigate to={DEFAULT_RETURN_TO} replace />
        </Authenticated>
        <Unauthenticated>
          <ToHomeOnceKnown>
            <SignInChoices />
          </ToHomeOnceKnown>
        </Unauthenticated>
        <h2 id="features-title">What the starter gives</h2>
        <ul className="feature-list" aria-labelledby="features-title">
          {FEATURES.map(([title, text]) => (
            <li key={title}>
              <strong>{title}</strong>: {text}
            </li>
          ))}
        </ul>
      </main>
      <SiteFooter />
    </>
  );
}

/**
 * AuthKit knowing the user is enough to leave the landing page: the signed-in home's guard then
 * waits for Convex, or explains why Convex refused the token (which signing in again would repeat).
 */
function ToHomeOnceKnown({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  return user !== null ? <Navigate to={DEFAULT_RETURN_TO} replace /> : <>{children}</>;
}

/** Where the buttons go while the session is restored: the same space, the app's one loading message. */
function SignInChoicesPlaceholder() {
  return (
    <div className="actions" aria-busy="true">
      <LoadingAnnouncement />
      <Skeleton width="6rem" height="2.5rem" className="skeleton-control" />
      <Skeleton width="6rem" height="2.5rem" className="skeleton-control" />
    </div>
  );
}

function SignInChoices() {
  const navigate = useNavigate();
  return (
    <div className="actions">
      <button type="button" onClick={() => void navigate("/sign-in")}>
        Sign in
      </button>
      <button type="button" className="button-secondary" onClick={() => void navigate("/sign-up")}>
        Sign up
      </button>
      <Link to="/sign-in/sso">Sign in with SSO</Link>
    </div>
  );
}
