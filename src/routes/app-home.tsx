import { useAuth } from "@workos-inc/authkit-react";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { ErrorBoundary } from "../components/error-boundary";
import { errorMessage } from "../components/error-message";
import { InlineStatus } from "../components/inline-status";
import { LoadingAnnouncement, Skeleton } from "../components/skeleton";
import { NotesPanel } from "../features/notes/notes-panel";
import { lazy, Suspense } from "react";

// Only people in no organization see it; fetched when they do, so the first page's list of what
// the home page needs stays as it was (README, "Bundle budget").
const CreateOrganizationForm = lazy(() =>
  import("../features/organizations/create-organization-form").then((module) => ({ default: module.CreateOrganizationForm })),
);

/**
 * `/app`: the signed-in home — a greeting read from Convex, and the notes (the organization's,
 * or the user's own outside one). Someone in no organization is offered to create one.
 */
export default function AppHomePage() {
  const me = useQuery(api.users.me, {});
  const { organizationId } = useAuth();
  // Until Convex has the profile (a first sign-in creates it just now), the heading keeps its
  // place and a placeholder stands where the name goes.
  const profile = me?.user ?? null;

  return (
    <main id="main" tabIndex={-1} className="page">
      {profile === null ? (
        <>
          <LoadingAnnouncement />
          <h1 aria-busy="true">
            Welcome<span aria-hidden="true">, </span>
            <Skeleton width="10ch" />
          </h1>
        </>
      ) : (
        <h1>{profile.name || profile.email ? `Welcome, ${profile.name ?? profile.email}` : "Welcome"}</h1>
      )}
      {organizationId === null && (
        <section className="card" aria-labelledby="create-organization-title">
          <h2 id="create-organization-title">Create an organization</h2>
          <p>You are not in an organization yet. Create one to share notes with the people you invite; you become its admin.</p>
          <Suspense fallback={<Skeleton width="100%" height="5.5rem" className="skeleton-block skeleton-control" />}>
            <CreateOrganizationForm />
          </Suspense>
        </section>
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
