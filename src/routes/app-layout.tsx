import { useAuth } from "@workos-inc/authkit-react";
import { useQuery } from "convex/react";
import { Suspense } from "react";
import { Outlet } from "react-router-dom";
import { api } from "../../convex/_generated/api";
import { ReconnectingNotice } from "../auth/convex-connection-notice";
import { RequireAuth } from "../auth/require-auth";
import { useSessionStatus } from "../auth/session-status";
import { useStoreUser } from "../auth/use-store-user";
import { useTokenFollowsRole } from "../auth/use-token-follows-role";
import { InlineStatus } from "../components/inline-status";
import { AppShellSkeleton, PageBodySkeleton } from "../components/page-skeleton";
import { SiteFooter } from "../components/site-footer";
import { SiteHeader } from "../components/site-header";
import { SiteNav } from "../components/site-nav";
import { NoAccess } from "../features/organizations/no-access";
import { OrganizationSwitcher } from "../features/organizations/organization-switcher";
import { UserMenu } from "../features/user-menu/user-menu";

function SignedInShell() {
  const sessionStatus = useSessionStatus();
  const storeError = useStoreUser();
  const { organizationId } = useAuth();
  const me = useQuery(api.users.me, {});
  useTokenFollowsRole();
  // Convex's word on whether the session's organization is still the caller's: live, so a
  // removal replaces the page at once rather than at the token's expiry.
  const accessProblem = me?.orgId === organizationId ? (me?.accessProblem ?? null) : null;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <SiteHeader>
        <OrganizationSwitcher />
        <UserMenu />
      </SiteHeader>
      {organizationId !== null && accessProblem === null && <SiteNav />}
      <ReconnectingNotice />
      {sessionStatus === "reconnecting" && (
        <InlineStatus kind="loading">
          Having trouble reaching WorkOS to refresh your session. You are still signed in; retrying…
        </InlineStatus>
      )}
      {storeError !== null && <InlineStatus kind="error">Could not save your profile: {storeError}</InlineStatus>}
      {accessProblem !== null ? (
        <NoAccess message={accessProblem} />
      ) : (
        // Keeps the header in place while a signed-in page's code downloads.
        <Suspense fallback={<PageBodySkeleton />}>
          <Outlet />
        </Suspense>
      )}
      <SiteFooter />
    </>
  );
}

/**
 * `/app/*`: every signed-in page, behind the one route guard, under the signed-in header. While
 * the guard waits for Convex the same shell shows with placeholders, so the page fills in.
 */
export default function AppLayout() {
  return (
    <RequireAuth loading={<AppShellSkeleton />}>
      <SignedInShell />
    </RequireAuth>
  );
}
