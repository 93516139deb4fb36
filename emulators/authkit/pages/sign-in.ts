import { field, flowFields, flowHref } from "./fields.ts";
import { alert, esc, layout } from "./layout.ts";

interface Flow {
  id: string;
  csrfToken: string;
}

export function signInPage(flow: Flow, o: { email?: string; error?: string; invalid?: "email" | "password"; notice?: string }): string {
  return layout(
    "Sign in",
    `${o.notice ? `<p role="status">${esc(o.notice)}</p>` : ""}${alert(o.error)}
<form method="post" action="/sign-in" novalidate>
${flowFields(flow)}
${field({ label: "Email", name: "email", type: "email", value: o.email, autocomplete: "email", invalid: o.invalid === "email", autofocus: !o.email })}
${field({ label: "Password", name: "password", type: "password", autocomplete: "current-password", invalid: o.invalid === "password", autofocus: !!o.email })}
<button type="submit">Sign in</button>
</form>
<p class="links"><a href="${flowHref("/reset-password", flow.id)}">Forgot password?</a> <a href="${flowHref("/sign-up", flow.id)}">Create an account</a></p>`,
  );
}

export function signUpPage(
  flow: Flow,
  o: { email?: string; firstName?: string; lastName?: string; error?: string; invalid?: "email" | "password" | "name" },
): string {
  return layout(
    "Create an account",
    `${alert(o.error)}
<form method="post" action="/sign-up" novalidate>
${flowFields(flow)}
${field({ label: "First name", name: "first_name", value: o.firstName, autocomplete: "given-name", invalid: o.invalid === "name", autofocus: true })}
${field({ label: "Last name", name: "last_name", value: o.lastName, autocomplete: "family-name", invalid: o.invalid === "name" })}
${field({ label: "Email", name: "email", type: "email", value: o.email, autocomplete: "email", invalid: o.invalid === "email" })}
${field({ label: "Password", name: "password", type: "password", autocomplete: "new-password", invalid: o.invalid === "password", hint: "At least 8 characters, not a common password." })}
<button type="submit">Sign up</button>
</form>
<p class="links"><a href="${flowHref("/sign-in", flow.id)}">Already have an account? Sign in instead</a></p>`,
  );
}
