import { STYLES } from "./styles.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML content and attribute values: every interpolated value goes through it. */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const AUTHKIT_BANNER = "<strong>Local AuthKit</strong> — a development sign-in server, not WorkOS. No email is sent: codes appear in its log.";

/**
 * A full page, clearly marked as the local AuthKit so nobody mistakes it for WorkOS; `banner`
 * (trusted HTML) replaces the marking on pages of another party, such as the Local IdP.
 */
export function layout(title: string, body: string, banner = AUTHKIT_BANNER): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · ${banner === AUTHKIT_BANNER ? "Local AuthKit" : "Local IdP"}</title>
<style>${STYLES}</style>
</head>
<body>
<header class="banner">${banner}</header>
<main>
<h1>${esc(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** An inline error, announced by screen readers when the page re-renders with it. */
export function alert(message: string | undefined): string {
  return message ? `<p class="alert" role="alert" id="form-error">${esc(message)}</p>` : "";
}
