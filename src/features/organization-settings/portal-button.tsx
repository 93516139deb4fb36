import type { FunctionArgs } from "convex/server";
import { api } from "../../../convex/_generated/api";
import { useRun } from "../../components/use-run";
import { useConvexAction } from "../../lib/use-convex-action";

export type PortalIntent = FunctionArgs<typeof api.portal.generateLink>["intent"];

/** Where the page goes with a portal link; a seam for tests (jsdom cannot navigate). */
export type Navigate = (url: string) => void;
const assign: Navigate = (url) => window.location.assign(url);

/**
 * Asks Convex for an Admin Portal link for one intent and goes to it at once: a link works once
 * and for five minutes, so it is never kept. Convex checks the caller's role, and the app's
 * origin (sent here so the portal returns to this page) against the deployment's allow list.
 */
export function PortalButton({ intent, label, navigate = assign }: { intent: PortalIntent; label: string; navigate?: Navigate }) {
  const generateLink = useConvexAction(api.portal.generateLink);
  const { pending, error, run } = useRun();
  return (
    <div className="portal-action">
      <button
        type="button"
        disabled={pending}
        onClick={() => void run(async () => navigate(await generateLink({ intent, appOrigin: window.location.origin })))}
      >
        {pending ? "Opening the Admin Portal…" : label}
      </button>
      {error !== null && (
        <p role="alert" className="status-error row-error">
          {error}
        </p>
      )}
    </div>
  );
}
