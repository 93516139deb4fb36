import { useAuth } from "@workos-inc/authkit-react";
import { useConvexAuth, useMutation } from "convex/react";
import { useEffect, useState } from "react";
import { api } from "../../convex/_generated/api";
import { errorMessage } from "../components/error-message";

/**
 * Creates or updates the signed-in user's row in Convex once Convex has accepted the token —
 * users are stored without webhooks, so this works against any backend. Runs once per user and
 * profile; the mutation itself is idempotent. Returns the error message if it failed.
 */
export function useStoreUser(): string | null {
  const { isAuthenticated } = useConvexAuth();
  const { user } = useAuth();
  const store = useMutation(api.users.store);
  const [error, setError] = useState<string | null>(null);

  const email = user?.email;
  const name = [user?.firstName, user?.lastName].filter(Boolean).join(" ") || undefined;

  useEffect(() => {
    if (!isAuthenticated) return;
    let cancelled = false;
    store({ email, name }).then(
      () => {
        if (!cancelled) setError(null);
      },
      (reason: unknown) => {
        if (!cancelled) setError(errorMessage(reason));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [isAuthenticated, store, email, name]);

  return error;
}
