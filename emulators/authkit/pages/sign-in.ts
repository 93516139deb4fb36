import { field, flowFields, flowHref } from "./fields.ts";
import { alert, esc, layout } from "./layout.ts";

interface Flow {
  id: string;
  csrfToken: string;
}

/** AuthKit's first step: the email, which decides the way in (SSO for a routed domain, else a password or a code). */
export function signInPage(flow: Flow, o: { email?: string; error?: string; notice?: string; invitation?: string }): string {
  return layout(
    "Sign in",
    `${o.invitation ? `<p>${esc(o.invitation)}</p>` : ""}${o.notice ? `<p role="status">${esc(o.notice)}</p>` : ""}${alert(o.error)}
<form method="post" action="/sign-in" novalidate>
${flowFields(flow)}
${field({ label: "Email", name: "email", type: "email", value: o.email, autocomplete: "email", invalid: !!o.error, autofocus: true })}
<button type="submit">Continue</button>
</form>
<p class="links"><a href="${flowHref("/sign-up", flow.id)}">Create an account</a></p>`,
  );
}

/** The second step for an email not routed to SSO: its password, or a code by email (Magic Auth). */
export function passwordPage(flow: Flow, o: { email: string; error?: string; invalid?: "password" }): string {
  return layout(
    "Sign in",
    `<p>Signing in as <strong>${esc(o.email)}</strong>. <a href="${flowHref("/sign-in", flow.id, { step: "email" })}">Use another email</a></p>
${alert(o.error)}
<form method="post" action="/sign-in" novalidate>
${flowFields(flow)}
<input type="hidden" name="email" value="${esc(o.email)}">
${field({ label: "Password", name: "password", type: "password", autocomplete: "current-password", invalid: o.invalid === "password", autofocus: true })}
<button type="submit">Sign in</button>
</form>
<form method="post" action="/magic-auth">
${flowFields(flow)}
<input type="hidden" name="email" value="${esc(o.email)}">
<button type="submit" class="secondary">Email me a code</button>
</form>
<p class="links"><a href="${flowHref("/reset-password", flow.id)}">Forgot password?</a> <a href="${flowHref("/sign-up", flow.id)}">Create an account</a></p>`,
  );
}

export type SignUpField = "name" | "email" | "password";

export function signUpPage(
  flow: Flow,
  o: { email?: string; firstName?: string; lastName?: string; error?: string; invalid?: SignUpField[]; invitation?: string; emailLocked?: boolean },
): string {
  const invalid = (f: SignUpField) => o.invalid?.includes(f) ?? false;
  // Focus lands on the first field to fix (all typed values are kept), else on the first field.
  const focus: SignUpField = (["name", "email", "password"] as const).find(invalid) ?? "name";
  return layout(
    "Create an account",
    `${o.invitation ? `<p>${esc(o.invitation)}</p>` : ""}${alert(o.error)}
<form method="post" action="/sign-up" novalidate>
${flowFields(flow)}
${field({ label: "First name", name: "first_name", value: o.firstName, autocomplete: "given-name", invalid: invalid("name"), autofocus: focus === "name" })}
${field({ label: "Last name", name: "last_name", value: o.lastName, autocomplete: "family-name", invalid: invalid("name") })}
${field({ label: "Email", name: "email", type: "email", value: o.email, autocomplete: "email", invalid: invalid("email"), autofocus: focus === "email", readonly: o.emailLocked, hint: o.emailLocked ? "The invitation's email: it cannot be changed." : undefined })}
${field({ label: "Password", name: "password", type: "password", autocomplete: "new-password", invalid: invalid("password"), autofocus: focus === "password", hint: "At least 8 characters, not a common password." })}
<button type="submit">Sign up</button>
</form>
<p class="links"><a href="${flowHref("/sign-in", flow.id)}">Already have an account? Sign in instead</a></p>`,
  );
}
