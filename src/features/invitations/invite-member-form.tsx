import { useId, useState, type FormEvent } from "react";
import { api } from "../../../convex/_generated/api";
import { useRun } from "../../components/use-run";
import { useConvexAction } from "../../lib/use-convex-action";

/** WorkOS's default role, preselected when the organization has it. */
const DEFAULT_ROLE = "member";

/**
 * Invites someone by email with one of the organization's roles. WorkOS sends the email with the
 * link to this app's `/invite`; the invitation then shows among the pending ones.
 */
export function InviteMemberForm({ roles }: { roles: readonly string[] }) {
  const send = useConvexAction(api.invitations.send);
  const { pending, error, setError, run } = useRun();
  const emailId = useId();
  const roleId = useId();
  const errorId = useId();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState(roles.includes(DEFAULT_ROLE) ? DEFAULT_ROLE : (roles[0] ?? ""));
  const [sent, setSent] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSent(null);
    const address = email.trim();
    if (address === "") {
      setError("Type the email address of the person to invite.");
      return;
    }
    const done = await run(async () => {
      const invitation = await send({ email: address, role });
      setSent(`Invitation sent to ${invitation.email} as ${invitation.role ?? role}.`);
    });
    if (done) setEmail("");
  }

  return (
    <form className="invite-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={emailId}>Email</label>
        <input
          id={emailId}
          type="email"
          autoComplete="off"
          value={email}
          aria-invalid={error !== null || undefined}
          aria-describedby={error !== null ? errorId : undefined}
          onChange={(event) => {
            setEmail(event.target.value);
            setError(null);
            setSent(null);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={roleId}>Role</label>
        <select id={roleId} value={role} onChange={(event) => setRole(event.target.value)}>
          {roles.map((slug) => (
            <option key={slug} value={slug}>
              {slug}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send invitation"}
      </button>
      {error !== null && (
        <p id={errorId} role="alert" className="status-error form-message">
          {error}
        </p>
      )}
      <p role="status" className="form-message">
        {sent}
      </p>
    </form>
  );
}
