import { useAuth } from "@workos-inc/authkit-react";
import { useId, useState, type FormEvent } from "react";
import { api } from "../../../convex/_generated/api";
import { errorMessage } from "../../components/error-message";
import { useConvexAction } from "../../lib/use-convex-action";

// Only the obvious check here; Convex checks the rest (the length limit) and says so in a sentence.
function nameProblem(name: string): string | null {
  return name.trim() === "" ? "An organization needs a name. Type one first." : null;
}

/**
 * Creates an organization: Convex creates it in WorkOS with the signed-in user as its admin, then
 * the session switches to it (a token for the new organization) and `onSwitched` runs (the page
 * that has it goes to the new organization's home). It takes a callback rather than navigating
 * itself so that the home page, which shows it, does not import the router: see "Bundle budget"
 * in the README.
 */
export function CreateOrganizationForm({ onSwitched }: { onSwitched?: () => void }) {
  const create = useConvexAction(api.organizations.create);
  const { switchToOrganization } = useAuth();
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
      onSwitched?.();
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
