import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { Skeleton } from "../../components/skeleton";
import { useRun } from "../../components/use-run";
import { useConvexAction } from "../../lib/use-convex-action";

type Invitation = FunctionReturnType<typeof api.invitations.listPending>[number];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function PendingInvitation({ invitation }: { invitation: Invitation }) {
  const resend = useConvexAction(api.invitations.resend);
  const revoke = useConvexAction(api.invitations.revoke);
  const { pending, error, run } = useRun();
  const [note, setNote] = useState<string | null>(null);

  return (
    <li className="invitation">
      <div className="invitation-who">
        <span className="invitation-email">{invitation.email}</span>
        {invitation.role !== null && <span className="badge">{invitation.role}</span>}
        <span className={invitation.expired ? "status-error" : "muted"}>
          {invitation.expired ? "Expired: resend it to renew it" : `Expires ${dateFormat.format(invitation.expiresAt)}`}
        </span>
      </div>
      <div className="actions">
        <button
          type="button"
          className="button-secondary"
          aria-label={`Resend the invitation to ${invitation.email}`}
          disabled={pending}
          onClick={() => {
            setNote(null);
            void run(async () => {
              await resend({ invitationId: invitation.invitationId });
              setNote(`Sent again to ${invitation.email}.`);
            });
          }}
        >
          Resend
        </button>
        <button
          type="button"
          className="button-quiet button-quiet-danger"
          aria-label={`Revoke the invitation to ${invitation.email}`}
          disabled={pending}
          onClick={() => {
            setNote(null);
            void run(() => revoke({ invitationId: invitation.invitationId }));
          }}
        >
          Revoke
        </button>
      </div>
      <p role="status" className="form-message">
        {note}
      </p>
      {error !== null && (
        <p role="alert" className="status-error form-message">
          {error}
        </p>
      )}
    </li>
  );
}

/**
 * The organization's invitations nobody has accepted yet, live: a new one shows as it is sent, an
 * accepted or revoked one goes. Each can be sent again (which renews an expired one) or revoked.
 */
export function PendingInvitations() {
  const invitations = useQuery(api.invitations.listPending, {});
  if (invitations === undefined) {
    return (
      <ul className="invitation-list" aria-label="Pending invitations" aria-busy="true">
        <li className="invitation">
          <Skeleton width="60%" />
        </li>
      </ul>
    );
  }
  if (invitations.length === 0) return <p className="empty">No pending invitations.</p>;
  return (
    <ul className="invitation-list" aria-label="Pending invitations">
      {invitations.map((invitation) => (
        <PendingInvitation key={invitation.invitationId} invitation={invitation} />
      ))}
    </ul>
  );
}
