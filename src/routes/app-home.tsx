import { useAuth } from "@workos-inc/authkit-react";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { errorMessage } from "../components/error-message";
import { InlineStatus } from "../components/InlineStatus";
import { NotesPanel } from "../features/notes/NotesPanel";

/** `/app`: the signed-in home — a greeting read from Convex, and the user's notes. */
export default function AppHomePage() {
  const me = useQuery(api.users.me, {});
  const { organizationId } = useAuth();

  return (
    <main id="main" tabIndex={-1} className="page">
      {me === undefined ? (
        <InlineStatus kind="loading">Loading your profile…</InlineStatus>
      ) : me.user === null ? (
        <>
          <h1>Welcome</h1>
          <InlineStatus kind="loading">Setting up your account…</InlineStatus>
        </>
      ) : (
        <h1>{me.user.name || me.user.email ? `Welcome, ${me.user.name ?? me.user.email}` : "Welcome"}</h1>
      )}
      {/* A refused list (say, a role without "notes:read") is a sentence here, not a broken page;
          another organization may allow it, so switching tries again. */}
      <ErrorBoundary
        label="The notes"
        resetKey={organizationId}
        fallback={(error) => <InlineStatus kind="error">{errorMessage(error)}</InlineStatus>}
      >
        <NotesPanel />
      </ErrorBoundary>
    </main>
  );
}
