import { field, flowFields, flowHref } from "./fields.ts";
import { alert, esc, layout } from "./layout.ts";

interface Flow {
  id: string;
  csrfToken: string;
}

const CODE_HINT = "6 digits. No email is sent: the code is in the Local AuthKit log, and at GET /_local/codes?email=…";

export function verifyEmailPage(flow: Flow, o: { email: string; error?: string; notice?: string }): string {
  return layout(
    "Verify your email",
    `<p>Enter the code sent to <strong>${esc(o.email)}</strong>.</p>
${o.notice ? `<p role="status">${esc(o.notice)}</p>` : ""}${alert(o.error)}
<form method="post" action="/email-verification" novalidate>
${flowFields(flow)}
${field({ label: "Code", name: "code", value: "", autocomplete: "one-time-code", inputmode: "numeric", hint: CODE_HINT, invalid: !!o.error, autofocus: true })}
<button type="submit">Continue</button>
</form>
<form method="post" action="/email-verification">
${flowFields(flow)}
<input type="hidden" name="resend" value="1">
<button type="submit" class="secondary">Send a new code</button>
</form>`,
  );
}

export function forgotPasswordPage(flow: Flow, o: { email?: string; error?: string }): string {
  return layout(
    "Reset your password",
    `<p>Enter your email and we will send you a code to choose a new password.</p>
${alert(o.error)}
<form method="post" action="/reset-password" novalidate>
${flowFields(flow)}
<input type="hidden" name="step" value="request">
${field({ label: "Email", name: "email", type: "email", value: o.email, autocomplete: "email", invalid: !!o.error, autofocus: true })}
<button type="submit">Continue</button>
</form>
<p class="links"><a href="${flowHref("/sign-in", flow.id)}">Back to sign in</a></p>`,
  );
}

export function resetPasswordPage(flow: Flow, o: { email: string; error?: string; invalid?: "code" | "password" }): string {
  return layout(
    "Choose a new password",
    `<p>Enter the code sent to <strong>${esc(o.email)}</strong> and your new password.</p>
${alert(o.error)}
<form method="post" action="/reset-password" novalidate>
${flowFields(flow)}
<input type="hidden" name="step" value="confirm">
${field({ label: "Code", name: "code", value: "", autocomplete: "one-time-code", inputmode: "numeric", hint: CODE_HINT, invalid: o.invalid === "code", autofocus: true })}
${field({ label: "Password", name: "password", type: "password", autocomplete: "new-password", hint: "Your new password: at least 8 characters.", invalid: o.invalid === "password" })}
<button type="submit">Continue</button>
</form>
<p class="links"><a href="${flowHref("/reset-password", flow.id)}">Use another email</a></p>`,
  );
}

export function magicAuthPage(flow: Flow, o: { email: string; error?: string; notice?: string }): string {
  return layout(
    "Check your email",
    `<p>Enter the code sent to <strong>${esc(o.email)}</strong> to sign in.</p>
${o.notice ? `<p role="status">${esc(o.notice)}</p>` : ""}${alert(o.error)}
<form method="post" action="/magic-auth" novalidate>
${flowFields(flow)}
<input type="hidden" name="email" value="${esc(o.email)}">
${field({ label: "Code", name: "code", value: "", autocomplete: "one-time-code", inputmode: "numeric", hint: CODE_HINT, invalid: !!o.error, autofocus: true })}
<button type="submit">Continue</button>
</form>
<form method="post" action="/magic-auth">
${flowFields(flow)}
<input type="hidden" name="email" value="${esc(o.email)}">
<button type="submit" class="secondary">Send a new code</button>
</form>
<p class="links"><a href="${flowHref("/sign-in", flow.id)}">Sign in another way</a></p>`,
  );
}
