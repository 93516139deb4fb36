import { useAuth } from "@workos-inc/authkit-react";
import { SignOutButton } from "../../auth/sign-out-button";

/**
 * What every signed-in page shows instead of an organization's data once the caller is not its
 * member any more (removed, deactivated, not joined yet, or the organization deleted): the
 * sentence Convex gives, and the ways on. It replaces the page live, the moment WorkOS's change
 * reaches Convex, without waiting for the token to expire.
 */
export function NoAccess({ message }: { message: string }) {
  const { signIn, user } = useAuth();
  return (
    <main id="main" tabIndex={-1} className="page page-narrow">
      <div className="card status-error" role="alert">
        <h1>You no longer have access to this organization</h1>
        <p>{message}</p>
        <p className="actions">
          {/* The hosted organization picker, for the same account: the user chooses where to go. */}
          <button type="button" onClick={() => void signIn({ ...(user && { loginHint: user.email }), state: { returnTo: "/app" } })}>
            Choose another organization
          </button>
          <SignOutButton />
        </p>
      </div>
    </main>
  );
}
