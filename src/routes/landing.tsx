import { useAuth } from "@workos-inc/authkit-react";
import { Authenticated, AuthLoading, Unauthenticated } from "convex/react";
import type { ReactNode } from "react";
import { Navigate, useNavigate } from "react-router-dom";
import { DEFAULT_RETURN_TO } from "../auth/return-to";
import { LoadingAnnouncement, Skeleton } from "../components/Skeleton";

/**
 * `/`: what this is, and the way in. Convex's gates decide what shows; someone with a session goes
 * straight to the signed-in home (as soon as AuthKit knows them), where the route guard waits for
 * Convex to confirm it.
 */
export function Landing() {
  return (
    <main className="page page-narrow landing">
      <h1>Notes, signed in with WorkOS, synced by Convex</h1>
      <p className="lead">
        A starter for React apps: WorkOS AuthKit signs people in, Convex stores their notes and pushes every change to
        every open tab. Organizations, roles and permissions come with the session.
      </p>
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
    </main>
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
    </div>
  );
}
