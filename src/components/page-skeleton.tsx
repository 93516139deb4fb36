import { LoadingAnnouncement, Skeleton } from "./skeleton";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

/** A signed-in page's body before its data: a heading and a few lines, busy, announced once. */
export function PageBodySkeleton() {
  return (
    <main id="main" tabIndex={-1} className="page" aria-busy="true">
      <LoadingAnnouncement />
      <h1>
        <Skeleton width="14ch" />
      </h1>
      <div className="card">
        <Skeleton width="40%" />
        <Skeleton height="4.5rem" className="skeleton-block" />
      </div>
    </main>
  );
}

/**
 * A signed-in page before anything is known: the header with placeholders where the session's
 * controls go, and the body's. The callback, the route guard and a page's download all show
 * this, so sign-in reads as one page filling in rather than a row of messages.
 */
export function AppShellSkeleton() {
  return (
    <>
      <SiteHeader>
        <Skeleton width="8rem" height="2.25rem" className="skeleton-control" />
        <Skeleton width="2.5rem" height="2.5rem" className="skeleton-avatar" />
      </SiteHeader>
      <PageBodySkeleton />
      <SiteFooter />
    </>
  );
}
