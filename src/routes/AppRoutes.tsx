import { lazy, Suspense } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { PageStatus } from "../components/PageStatus";
import { RouteErrorBoundary } from "./RouteErrorBoundary";
import { Landing } from "./landing";

// The landing page ships in the first download; every other page is fetched when first visited,
// so a signed-out visitor pays neither for the signed-in app nor for the Convex client.
const SignIn = lazy(() => import("./sign-in"));
const SignUp = lazy(() => import("./sign-up"));
const Callback = lazy(() => import("./callback"));
const AppLayout = lazy(() => import("./app-layout"));
const AppHome = lazy(() => import("./app-home"));
const Account = lazy(() => import("./account"));
const NotFound = lazy(() => import("./not-found"));

/** Every route of the app, one file per route in this folder. */
export function AppRoutes() {
  const { pathname } = useLocation();
  return (
    <RouteErrorBoundary key={pathname}>
      <Suspense fallback={<PageStatus kind="loading" title="Loading…" />}>
        <Routes>
          <Route path="/" element={<Landing />} />
          <Route path="/sign-in" element={<SignIn />} />
          <Route path="/sign-up" element={<SignUp />} />
          <Route path="/callback" element={<Callback />} />
          <Route path="/app" element={<AppLayout />}>
            <Route index element={<AppHome />} />
            <Route path="account" element={<Account />} />
            <Route path="*" element={<NotFound />} />
          </Route>
          <Route path="/account" element={<Navigate to="/app/account" replace />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </RouteErrorBoundary>
  );
}
