import { Suspense } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { AppShellSkeleton } from "../components/page-skeleton";
import { PageStatus } from "../components/page-status";
import { Landing } from "./landing";
import { lazyPage } from "./lazy-page";
import { RouteErrorBoundary } from "./route-error-boundary";

// The landing page ships in the first download; every other page is fetched when first visited,
// so a signed-out visitor does not pay for the signed-in app.
const SignIn = lazyPage(() => import("./sign-in"));
const SignUp = lazyPage(() => import("./sign-up"));
const Callback = lazyPage(() => import("./callback"));
const AppLayout = lazyPage(() => import("./app-layout"));
const AppHome = lazyPage(() => import("./app-home"));
const Account = lazyPage(() => import("./account"));
// Members, organization creation, invitations and "not found": their own table, fetched on demand.
const MorePages = lazyPage(() => import("./more-pages"));

/**
 * Fetches the callback page and the signed-in area ahead of need: called when the browser
 * arrives with a code, so the downloads overlap the code exchange instead of following it.
 */
export function preloadSignInLanding(): void {
  for (const page of [Callback, AppLayout, AppHome, Account]) {
    page.preload().catch(() => {
      // Not fatal: the page is fetched again when rendered, and fails visibly there.
    });
  }
}

/**
 * While a page's code downloads: on the way to a signed-in page (the callback included), that
 * page's shell, as the guard and the page itself show it while they wait; elsewhere a plain wait.
 */
function PageDownloading() {
  const { pathname } = useLocation();
  return /^\/(app|callback)(\/|$)/.test(pathname) ? <AppShellSkeleton /> : <PageStatus kind="loading" title="Loading…" />;
}

/** Every route of the app, one file per route in this folder. */
export function AppRoutes() {
  return (
    <RouteErrorBoundary>
      <Suspense fallback={<PageDownloading />}>
        <Routes>
          <Route path="/" element={<Landing />} />
          <Route path="/sign-in" element={<SignIn />} />
          <Route path="/sign-up" element={<SignUp />} />
          <Route path="/callback" element={<Callback />} />
          <Route path="/app" element={<AppLayout />}>
            <Route index element={<AppHome />} />
            <Route path="account" element={<Account />} />
            <Route path="*" element={<MorePages inApp />} />
          </Route>
          <Route path="/account" element={<Navigate to="/app/account" replace />} />
          <Route path="*" element={<MorePages />} />
        </Routes>
      </Suspense>
    </RouteErrorBoundary>
  );
}
