import { useAuth } from "@workos-inc/authkit-react";
import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { api } from "../../../convex/_generated/api";
import { errorMessage } from "../../components/error-message";
import { useConvexAction } from "../../lib/use-convex-action";

type Phase =
  | { kind: "idle" }
  | { kind: "checking" }
  /** Convex found the organization; AuthKit is on its way to its identity provider. */
  | { kind: "redirecting" }
  /** The one answer for every domain without SSO (unknown, unverified, no active connection). */
  | { kind: "no-sso"; email: string }
  | { kind: "failed"; message: string };

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}

/**
 * "Sign in with SSO": a work email, which Convex turns into the organization whose identity
 * provider signs it in (`sso.lookup`); AuthKit then signs in to that organization with the email as
 * the hint, which goes straight to its IdP. A domain without SSO says so and offers the normal
 * sign-in; a failed or refused lookup says why and leaves the form to try again.
 */
export function SsoSignInForm({ returnTo }: { returnTo: string }) {
  const lookup = useConvexAction(api.sso.lookup);
  const { signIn } = useAuth();
  const fieldId = useId();
  const messageId = useId();
  const [email, setEmail] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = email.trim();
    if (!typed.includes("@")) {
      setPhase({ kind: "failed", message: "Type your work email, like you@company.com." });
      return;
    }
    setPhase({ kind: "checking" });
    try {
      const answer = await lookup({ email: typed });
      if (!answer.sso) {
        setPhase({ kind: "no-sso", email: typed });
        return;
      }
      setPhase({ kind: "redirecting" });
      // `via` lets /callback's "Try again" come back here if the identity provider refuses.
      await signIn({ organizationId: answer.organizationId, loginHint: typed, state: { returnTo, via: "sso" } });
    } catch (reason) {
      setPhase({ kind: "failed", message: errorMessage(reason) });
    }
  }

  const busy = phase.kind === "checking" || phase.kind === "redirecting";
  const described = phase.kind === "failed" || phase.kind === "no-sso";
  return (
    <form className="stack-form" onSubmit={(event) => void submit(event)} aria-busy={busy || undefined}>
      <label htmlFor={fieldId}>Work email</label>
      <input
        id={fieldId}
        type="email"
        value={email}
        autoComplete="email"
        required
        aria-invalid={phase.kind === "failed" || undefined}
        aria-describedby={described ? messageId : undefined}
        onChange={(event) => {
          setEmail(event.target.value);
          if (phase.kind === "failed" || phase.kind === "no-sso") setPhase({ kind: "idle" });
        }}
      />
      {phase.kind === "failed" && (
        <p id={messageId} role="alert" className="status-error">
          {phase.message}
        </p>
      )}
      {phase.kind === "no-sso" && (
        <div id={messageId} role="status" className="card status-info">
          <p>
            <strong>{domainOf(phase.email)}</strong> does not sign in with SSO here. Use your normal sign-in (email and
            password or a code), or ask your IT admin which email to use.
          </p>
          <p className="actions">
            <Link to={`/sign-in?${new URLSearchParams({ login_hint: phase.email, returnTo })}`}>Use the normal sign-in</Link>
          </p>
        </div>
      )}
      <button type="submit" disabled={busy}>
        {phase.kind === "checking" ? "Checking…" : phase.kind === "redirecting" ? "Taking you to your identity provider…" : "Continue"}
      </button>
    </form>
  );
}
