import { useAuth } from "@workos-inc/authkit-react";
import { Suspense } from "react";
import { NavLink, Outlet } from "react-router-dom";
import { ReconnectingNotice } from "../auth/ConvexConnectionNotice";
import { RequireAuth } from "../auth/RequireAuth";
import { useSessionStatus } from "../auth/session-status";
import { SignOutButton } from "../auth/SignOutButton";
import { useStoreUser } from "../auth/useStoreUser";
import { InlineStatus } from "../components/InlineStatus";
import { OrganizationSwitcher } from "../features/organizations/OrganizationSwitcher";

function SignedInShell() {
  const { user } = useAuth();
  const sessionStatus = useSessionStatus();
  const storeError = useStoreUser();

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <nav aria-label="Main" className="site-nav">
          <NavLink to="/app" end>
            Notes
          </NavLink>
          <NavLink to="/app/account">Account</NavLink>
        </nav>
        <div className="site-header-end">
          <OrganizationSwitcher />
          {user !== null && <span className="user-email">{user.email}</span>}
          <SignOutButton />
        </div>
      </header>
      <ReconnectingNotice />
      {sessionStatus === "reconnecting" && (
        <InlineStatus kind="loading">
          Having trouble reaching WorkOS to refresh your session. You are still signed in; retrying…
        </InlineStatus>
      )}
      {storeError !== null && <InlineStatus kind="error">Could not save your profile: {storeError}</InlineStatus>}
      {/* Keeps the header in place while a signed-in page's code downloads. */}
      <Suspense fallback={<InlineStatus kind="loading">Loading…</InlineStatus>}>
        <Outlet />
      </Suspense>
    </>
  );
}

/** `/app/*`: every signed-in page, behind the one route guard, under the signed-in header. */
export default function AppLayout() {
  return (
    <RequireAuth>
      <SignedInShell />
    </RequireAuth>
  );
}
