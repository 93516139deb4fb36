import { useEffect, useRef, useState } from "react";
import { api } from "../../../convex/_generated/api";
import { useRun } from "../../components/use-run";
import { memberName, type Member } from "./member-name";
import { useConvexAction } from "../../lib/use-convex-action";

/**
 * Remove, then a confirmation in place (the confirm button takes focus; Escape or Cancel puts
 * focus back on Remove). WorkOS removes the membership and the mirror drops it, so the row goes
 * from every open list and the member's pages lose access at once.
 */
export function RemoveMemberButton({ member, organizationName }: { member: Member; organizationName: string }) {
  const remove = useConvexAction(api.members.remove);
  const { pending, error, run } = useRun();
  const [confirming, setConfirming] = useState(false);
  const removeRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const who = memberName(member);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  function cancel() {
    setConfirming(false);
    // After the confirmation has gone and Remove is back.
    requestAnimationFrame(() => removeRef.current?.focus());
  }

  if (!confirming) {
    return (
      <>
        <button
          ref={removeRef}
          type="button"
          className="button-quiet button-quiet-danger"
          aria-label={`Remove ${who}`}
          onClick={() => setConfirming(true)}
        >
          Remove
        </button>
        {error !== null && (
          <p role="alert" className="status-error row-error">
            {error}
          </p>
        )}
      </>
    );
  }
  return (
    <div
      className="confirm"
      role="group"
      aria-label={`Confirm removing ${who}`}
      onKeyDown={(event) => {
        if (event.key === "Escape") cancel();
      }}
    >
      <p className="confirm-question">
        {member.isYou ? `Leave ${organizationName}? You lose access to it at once.` : `Remove ${who} from ${organizationName}? They lose access at once.`}
      </p>
      <button
        ref={confirmRef}
        type="button"
        className="button-danger"
        disabled={pending}
        onClick={() =>
          void run(() => remove({ membershipId: member.membershipId })).then((done) => {
            if (!done) cancel();
          })
        }
      >
        {pending ? "Removing…" : member.isYou ? "Leave" : `Remove ${who}`}
      </button>
      <button type="button" className="button-secondary" disabled={pending} onClick={cancel}>
        Cancel
      </button>
    </div>
  );
}
