import { useAuth } from "@workos-inc/authkit-react";
import type { FunctionReturnType } from "convex/server";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Link } from "react-router-dom";
import { api } from "../../../convex/_generated/api";
import { errorMessage } from "../../components/error-message";
import { PageStatus } from "../../components/page-status";
import { useConvexAction } from "../../lib/use-convex-action";

type Lookup = FunctionReturnType<typeof api.invitations.lookup>;
type Known = Exclude<Lookup, { status: "unknown" }>;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "long" });

function useInvitation(token: string) {
  const lookup = useConvexAction(api.invitations.lookup);
  const [state, setState] = useState<{ kind: "loading" } | { kind: "done"; result: Lookup } | { kind: "failed"; message: string }>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    lookup({ token }).then(
      (result) => current && setState({ kind: "done", result }),
      (error: unknown) => current && setState({ kind: "failed", message: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [lookup, token, attempt]);
  const retry = useCallback(() => {
    setState({ kind: "loading" });
    setAttempt((n) => n + 1);
  }, []);
  return { state, retry };
}

/** A page about the invitation with something to do on it (not a live region, unlike PageStatus). */
function InvitationCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main" className="page page-narrow page-status">
      <div className="card">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

function orgOf(invitation: Known): string {
  return invitation.organizationName ?? "an organization";
}

function Accept({ token, invitation }: { token: string; invitation: Known }) {
  const { signUp, signIn, user } = useAuth();
  const [error, setError] = useState<string | null>(null);
  // The hosted pages take the token and bind the sign-up (or sign-in) to the invited email;
  // the session comes back in the organization, with the invitation's role.
  const options = { invitationToken: token, loginHint: invitation.email, state: { returnTo: "/app" } };
  const start = (how: typeof signUp) => {
    setError(null);
    how(options).catch((reason: unknown) => setError(errorMessage(reason)));
  };
  const otherAccount = user !== null && user.email.toLowerCase() !== invitation.email.toLowerCase();

  return (
    <InvitationCard title={`Join ${orgOf(invitation)}`}>
      <p>
        <strong>{orgOf(invitation)}</strong> invited <strong>{invitation.email}</strong> to join it. The invitation is
        valid until {dateFormat.format(invitation.expiresAt)}.
      </p>
      {otherAccount && (
        <p className="hint">You are signed in as {user.email}. Accepting signs you in as {invitation.email} instead.</p>
      )}
      <p className="actions actions-center">
        <button type="button" onClick={() => start(signUp)}>
          Accept invitation
        </button>
        <button type="button" className="button-secondary" onClick={() => start(signIn)}>
          I already have an account
        </button>
      </p>
      {error !== null && (
        <p role="alert" className="status-error">
          Could not start the sign-up: {error}
        </p>
      )}
    </InvitationCard>
  );
}

function Unusable({ invitation }: { invitation: Known }) {
  const { signIn } = useAuth();
  const org = orgOf(invitation);
  if (invitation.status === "accepted") {
    return (
      <InvitationCard title="This invitation has already been used">
        <p>
          {invitation.email} has accepted it and is a member of {org}. Sign in with that email to open it.
        </p>
        <p className="actions actions-center">
          <button
            type="button"
            onClick={() =>
              void signIn({
                loginHint: invitation.email,
                ...(invitation.organizationId !== null && { organizationId: invitation.organizationId }),
                state: { returnTo: "/app" },
              })
            }
          >
            Sign in
          </button>
        </p>
      </InvitationCard>
    );
  }
  const [title, what] =
    invitation.status === "expired"
      ? ["This invitation has expired", `It was valid until ${dateFormat.format(invitation.expiresAt)}.`]
      : ["This invitation was revoked", `${org} withdrew it.`];
  return (
    <PageStatus kind="error" title={title}>
      <p>
        {what} Ask an admin of {org} to invite {invitation.email} again; the new email has a link that works.
      </p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </PageStatus>
  );
}

/**
 * `/invite?invitation_token=…`, the link in WorkOS's invitation email: which organization invited
 * whom, and Accept (sign-up or sign-in bound to the invitation). Every other case — no token, an
 * unknown, expired, revoked or used invitation, Convex unreachable — says what happened and what
 * to do.
 */
export function InvitationLanding({ token }: { token: string | null }) {
  if (token === null || token.trim() === "") {
    return (
      <PageStatus kind="error" title="This link has no invitation in it">
        <p>Open the link from the invitation email again, the whole of it. If it still fails, ask for a new invitation.</p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </PageStatus>
    );
  }
  return <KnownToken token={token} />;
}

function KnownToken({ token }: { token: string }) {
  const { state, retry } = useInvitation(token);
  if (state.kind === "loading") return <PageStatus kind="loading" title="Opening your invitation…" />;
  if (state.kind === "failed") {
    return (
      <PageStatus kind="error" title="Could not open the invitation">
        <p>{state.message}</p>
        <p className="actions actions-center">
          <button type="button" onClick={retry}>
            Try again
          </button>
        </p>
      </PageStatus>
    );
  }
  const { result } = state;
  if (result.status === "unknown") {
    return (
      <PageStatus kind="error" title="This invitation link is not valid">
        <p>
          No invitation has this link. Check that you opened the whole link from the email; if you did, ask whoever invited
          you to send a new invitation.
        </p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </PageStatus>
    );
  }
  return result.status === "pending" ? <Accept token={token} invitation={result} /> : <Unusable invitation={result} />;
}
