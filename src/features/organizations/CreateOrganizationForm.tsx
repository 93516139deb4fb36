import { useAuth } from "@workos-inc/authkit-react";
import { useAction } from "convex/react";
import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../../../convex/_generated/api";
import { ORGANIZATION_NAME_MAX_LENGTH } from "../../../convex/limits";
import { errorMessage } from "../../components/error-message";

function nameProblem(name: string): string | null {
  const length = name.trim().length;
  if (length === 0) return "An organization needs a name. Type one first.";
  if (length > ORGANIZATION_NAME_MAX_LENGTH) {
    return `An organization name can have at most ${ORGANIZATION_NAME_MAX_LENGTH} characters; this one has ${length}.`;
  }
  return null;
}

/**
 * Creates an organization: Convex creates it in WorkOS with the signed-in user as its admin, then
 * the session switches to it (a token for the new organization) and the app opens its home.
 */
export function CreateOrganizationForm() {
  const create = useAction(api.organizations.create);
  const { switchToOrganization } = useAuth();
  const navigate = useNavigate();
  const fieldId = useId();
  const errorId = useId();
  const [name, setName] = useState("");
  const [phase, setPhase] = useState<"idle" | "creating" | "switching">("idle");
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = nameProblem(name);
    if (problem !== null) {
      setError(problem);
      return;
    }
    setError(null);
    setPhase("creating");
    let organizationId: string;
    try {
      ({ organizationId } = await create({ name }));
    } catch (reason) {
      setError(errorMessage(reason));
      setPhase("idle");
      return;
    }
    setPhase("switching");
    try {
      await switchToOrganization({ organizationId });
      navigate("/app", { replace: true });
    } catch (reason) {
      // It exists and the user is its admin; only the session did not follow.
      setError(`${name.trim()} was created, but switching to it failed: ${errorMessage(reason)} Choose it in the organization menu.`);
      setPhase("idle");
    }
  }

  const busy = phase !== "idle";
  return (
    <form className="stack-form" onSubmit={(event) => void submit(event)} aria-busy={busy || undefined}>
      <label htmlFor={fieldId}>Organization name</label>
      <input
        id={fieldId}
        type="text"
        value={name}
        autoComplete="organization"
        maxLength={ORGANIZATION_NAME_MAX_LENGTH + 50}
        aria-invalid={error !== null || undefined}
        aria-describedby={error !== null ? errorId : undefined}
        onChange={(event) => {
          setName(event.target.value);
          setError(null);
        }}
      />
      {error !== null && (
        <p id={errorId} role="alert" className="status-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {phase === "creating" ? "Creating…" : phase === "switching" ? "Opening it…" : "Create organization"}
      </button>
    </form>
  );
}
