import { useAuth } from "@workos-inc/authkit-react";

/**
 * Ends the session through WorkOS's logout URL, which then returns to `/` (the sign-out redirect
 * registered in the dashboard). Without a token in memory AuthKit has no session to end and
 * refuses; going home is then all that is left to do.
 */
export function SignOutButton() {
  const { signOut } = useAuth();
  return (
    <button
      type="button"
      className="button-secondary"
      onClick={() => {
        try {
          signOut({ returnTo: `${window.location.origin}/` });
        } catch (error) {
          console.warn("No active WorkOS session to end; returning home.", error);
          window.location.assign("/");
        }
      }}
    >
      Sign out
    </button>
  );
}
