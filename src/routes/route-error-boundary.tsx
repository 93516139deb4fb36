import type { ReactNode } from "react";
import { useLocation } from "react-router-dom";
import { ErrorBoundary } from "../components/error-boundary";
import { convexErrorMessage } from "../components/error-message";

function RouteError({ error }: { error: unknown }) {
  return (
    <main className="page page-narrow">
      <div className="card status-error" role="alert">
        <h1>This page ran into a problem</h1>
        <p>{convexErrorMessage(error) ?? (error instanceof Error ? error.message : String(error))}</p>
        <p>Reloading usually helps (after a new release, the page may need the new version).</p>
        <p className="actions">
          <button type="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
          <a href="/">Go to the home page</a>
        </p>
      </div>
    </main>
  );
}

/**
 * What a page shows when it throws while rendering — including a failed download of a page's
 * code after a deploy — instead of a blank screen. Navigating to another path recovers. It is
 * reset rather than keyed by path: a key would remount every page on each navigation, and with
 * them the Convex provider, which would re-authenticate and spend a refresh token each time.
 */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <ErrorBoundary label="A page" resetKey={pathname} fallback={(error) => <RouteError error={error} />}>
      {children}
    </ErrorBoundary>
  );
}
