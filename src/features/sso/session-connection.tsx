import { useEffect, useState } from "react";
import { api } from "../../../convex/_generated/api";
import { errorMessage } from "../../components/error-message";
import { Skeleton } from "../../components/skeleton";
import { useConvexAction } from "../../lib/use-convex-action";

type Connection = { id: string; name: string; type: string } | null;

/**
 * The SSO connection a session signed in through: the active connection of the session's
 * organization, which Convex asks WorkOS for (tokens do not name the connection).
 */
export function SessionConnection({ organizationId }: { organizationId: string }) {
  const read = useConvexAction(api.sso.sessionConnection);
  const [state, setState] = useState<{ kind: "loading" } | { kind: "done"; connection: Connection } | { kind: "failed"; message: string }>({
    kind: "loading",
  });
  useEffect(() => {
    let current = true;
    read({}).then(
      (connection) => current && setState({ kind: "done", connection }),
      (error: unknown) => current && setState({ kind: "failed", message: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [read, organizationId]);

  if (state.kind === "loading") return <Skeleton width="16ch" />;
  if (state.kind === "failed") return <span className="muted">Unknown: {state.message}</span>;
  if (state.connection === null) return <span className="muted">No active connection now</span>;
  return (
    <>
      {state.connection.name} <span className="muted">({state.connection.type})</span>
    </>
  );
}
