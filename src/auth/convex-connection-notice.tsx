import { useAuth } from "@workos-inc/authkit-react";
import type { ReactNode } from "react";
import { InlineStatus } from "../components/inline-status";
import { PageStatus } from "../components/page-status";
import { useAppConfig } from "../config/app-config";
import { useConvexReach } from "./convex-connection";
import { SignOutButton } from "./sign-out-button";

/**
 * While a page waits on Convex: the wait as usual (`children`, or a loading page titled `title`), or, once the backend has not answered for a few
 * seconds, which backend cannot be reached and what to check. It recovers by itself when the
 * client connects (no reload), and signing out stays possible meanwhile.
 */
export function WaitingForConvex({ title, children }: { title: string; children?: ReactNode }) {
  const reach = useConvexReach();
  if (reach !== "unreachable") return children ?? <PageStatus kind="loading" title={title} />;
  return <ConvexUnreachable />;
}

function ConvexUnreachable() {
  const { convexUrl } = useAppConfig();
  const { user } = useAuth();
  const local = /^https?:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(convexUrl);
  return (
    <PageStatus kind="error" title="Can't reach the Convex backend">
      <p>
        The app cannot connect to <code>{convexUrl}</code>. It keeps trying, and this page continues on its own once the
        backend answers.
      </p>
      <ul>
        {local ? (
          <li>
            Is the local Convex running? <code>npm run dev</code> starts it.
          </li>
        ) : (
          <li>
            Is <code>VITE_CONVEX_URL</code> in <code>.env.local</code> the URL <code>npx convex dev</code> printed, and is
            that deployment running?
          </li>
        )}
        <li>Is this device online?</li>
      </ul>
      <InlineStatus kind="loading">Still trying…</InlineStatus>
      {user !== null && (
        <p className="actions">
          <SignOutButton />
        </p>
      )}
    </PageStatus>
  );
}

/** A connection lost later in the session: a small notice while the client reconnects. */
export function ReconnectingNotice() {
  const reach = useConvexReach();
  if (reach !== "reconnecting") return null;
  return <InlineStatus kind="loading">Reconnecting to Convex… Your changes are kept and sent once it is back.</InlineStatus>;
}
