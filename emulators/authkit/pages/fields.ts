import { esc } from "./layout.ts";

export interface FieldOptions {
  label: string;
  name: string;
  type?: "text" | "email" | "password";
  value?: string;
  autocomplete?: string;
  hint?: string;
  invalid?: boolean;
  autofocus?: boolean;
  inputmode?: "numeric";
  /** Not required (the label says so). */
  optional?: boolean;
  /** Shown but not editable (sent with the form). */
  readonly?: boolean;
}

/** A labelled input; an invalid one points at the form's error message. */
export function field(o: FieldOptions): string {
  const id = `field-${o.name}`;
  const described = [o.hint ? `${id}-hint` : "", o.invalid ? "form-error" : ""].filter(Boolean).join(" ");
  return `<div class="field">
<label for="${id}">${esc(o.label)}${o.optional ? " (optional)" : ""}</label>
<input id="${id}" name="${esc(o.name)}" type="${o.type ?? "text"}" value="${esc(o.value)}"${o.optional ? "" : " required"}${o.readonly ? " readonly" : ""}${o.autocomplete ? ` autocomplete="${esc(o.autocomplete)}"` : ""}${o.inputmode ? ` inputmode="${o.inputmode}"` : ""}${o.autofocus ? " autofocus" : ""}${o.invalid ? ' aria-invalid="true"' : ""}${described ? ` aria-describedby="${described}"` : ""}>
${o.hint ? `<span class="hint" id="${id}-hint">${esc(o.hint)}</span>` : ""}
</div>`;
}

/** The hidden fields every hosted form carries: which sign-in it belongs to and its CSRF token. */
export function flowFields(flow: { id: string; csrfToken: string }): string {
  return `<input type="hidden" name="authorization_session_id" value="${esc(flow.id)}">
<input type="hidden" name="csrf_token" value="${esc(flow.csrfToken)}">`;
}

/** A link to another step of the same sign-in. */
export function flowHref(path: string, flowId: string, extra: Record<string, string> = {}): string {
  return esc(`${path}?${new URLSearchParams({ authorization_session_id: flowId, ...extra })}`);
}
