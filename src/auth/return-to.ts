/** Where a signed-in user lands when nothing (or nothing safe) says otherwise. */
export const DEFAULT_RETURN_TO = "/app";

// Returning into these would restart the sign-in flow instead of finishing it.
const AUTH_PATHS = new Set(["/sign-in", "/sign-up", "/callback"]);

/**
 * Turns an untrusted `returnTo` (from the OAuth `state` or a query string, both editable by
 * anyone who crafts a link) into a path on this origin, or the default. Only same-origin targets
 * survive: other origins, protocol-relative `//host`, backslash tricks that browsers read as
 * `//host`, `javascript:` and anything unparseable fall back to `DEFAULT_RETURN_TO`.
 */
export function safeReturnTo(value: unknown, origin: string = window.location.origin): string {
  if (typeof value !== "string" || value === "" || value.length > 2048) return DEFAULT_RETURN_TO;
  // Control characters and backslashes are stripped or rewritten by URL parsers in ways that can
  // turn a path into another host; no legitimate path of this app contains them.
  if (value.includes("\\") || [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    return DEFAULT_RETURN_TO;
  }
  if (value.startsWith("//")) return DEFAULT_RETURN_TO;

  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return DEFAULT_RETURN_TO;
  }
  if (url.origin !== origin) return DEFAULT_RETURN_TO;
  // Dot segments can collapse into a protocol-relative path ("/.//evil.example" → "//evil.example").
  if (url.pathname.startsWith("//")) return DEFAULT_RETURN_TO;
  if (!value.startsWith("/") && !value.startsWith(origin + "/") && value !== origin) return DEFAULT_RETURN_TO;
  if (AUTH_PATHS.has(url.pathname)) return DEFAULT_RETURN_TO;
  return url.pathname + url.search + url.hash;
}
