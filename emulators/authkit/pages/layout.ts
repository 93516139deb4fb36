import { STYLES } from "./styles.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML content and attribute values: every interpolated value goes through it. */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A full page, clearly marked as the local AuthKit so nobody mistakes it for WorkOS. */
export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Local AuthKit</title>
<style>${STYLES}</style>
</head>
<body>
<header class="banner"><strong>Local AuthKit</strong> — a development sign-in server, not WorkOS. No email is sent: codes appear in its log.</header>
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
