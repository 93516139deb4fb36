import { api } from "../../../convex/_generated/api";
import { useRun } from "../../components/use-run";
import { memberName, type Member } from "./member-name";
import { useConvexAction } from "../../lib/use-convex-action";

/**
 * A manager's control for a member's role. WorkOS changes it and Convex's mirror follows at once,
 * so the list (and the member's own access) shows the new role live. A refusal — the last admin
 * demoting themselves, a role WorkOS does not know — is a sentence below the control.
 */
export function MemberRoleSelect({ member, roles }: { member: Member; roles: readonly string[] }) {
  const changeRole = useConvexAction(api.members.changeRole);
  const { pending, error, run } = useRun();
  const options = roles.includes(member.role) ? roles : [member.role, ...roles];
  const errorId = `role-error-${member.membershipId}`;

  return (
    <>
      <select
        aria-label={`Role of ${memberName(member)}`}
        value={member.role}
        disabled={pending}
        aria-describedby={error !== null ? errorId : undefined}
        onChange={(event) => void run(() => changeRole({ membershipId: member.membershipId, role: event.target.value }))}
      >
        {options.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </select>
      {pending && (
        <span role="status" className="hint">
          Saving…
        </span>
      )}
      {error !== null && (
        <p id={errorId} role="alert" className="status-error row-error">
          {error}
        </p>
      )}
    </>
  );
}
