import { useAuth } from "@workos-inc/authkit-react";
import { Navigate, useNavigate } from "react-router";
import { DEFAULT_RETURN_TO } from "../auth/return-to";
import { InlineStatus } from "../components/InlineStatus";

/**
 * `/`: what this is, and the way in. Someone with a session goes straight to the signed-in home,
 * where the route guard waits for Convex to confirm it.
 */
export function Landing() {
  const { isLoading, user } = useAuth();
  const navigate = useNavigate();
  if (user !== null) return <Navigate to={DEFAULT_RETURN_TO} replace />;

  return (
    <main className="page page-narrow landing">
      <h1>Notes, signed in with WorkOS, synced by Convex</h1>
      <p className="lead">
        A starter for React apps: WorkOS AuthKit signs people in, Convex stores their notes and pushes every change to
        every open tab. Organizations, roles and permissions come with the session.
      </p>
      {isLoading ? (
        <InlineStatus kind="loading">Checking your session…</InlineStatus>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => void navigate("/sign-in")}>
            Sign in
          </button>
          <button type="button" className="button-secondary" onClick={() => void navigate("/sign-up")}>
            Sign up
          </button>
        </div>
      )}
    </main>
  );
}
