import type { Ctx } from "./context.ts";

export type CorsVerdict =
  /** No Origin, or the server's own origin: not a CORS request. */
  | "same-origin"
  | "allowed"
  | "refused";

/**
 * True when the Host header names this server. Checking it stops DNS rebinding: a page on a name
 * its owner points at 127.0.0.1 is same-origin with itself, so without this check it could read
 * and write the test API of a server on this machine.
 */
export function knownHost(host: string | undefined, ownHostnames: string[]): boolean {
  try {
    return ownHostnames.includes(new URL(`http://${host ?? ""}`).hostname);
  } catch {
    return false;
  }
}

/**
 * Applies the allow list the way WorkOS's dashboard CORS setting does: allowed origins get their
 * origin echoed with credentials; any other origin gets no CORS headers, so the browser blocks it.
 * Only this server's own origins are same-origin — not whatever the Host header says.
 */
export function applyCors(c: Ctx, allowed: string[], ownOrigins: string[]): CorsVerdict {
  const origin = c.req.header("origin");
  c.header("Vary", "Origin");
  if (!origin || ownOrigins.includes(origin)) return "same-origin";
  if (!allowed.includes(origin)) return "refused";
  c.header("Access-Control-Allow-Origin", origin);
  c.header("Access-Control-Allow-Credentials", "true");
  return "allowed";
}

/** Answers an OPTIONS preflight from an allowed origin. */
export function answerPreflight(c: Ctx): Response {
  c.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
  c.header("Access-Control-Allow-Headers", c.req.header("access-control-request-headers") ?? "Accept, Content-Type, Authorization");
  c.header("Access-Control-Max-Age", "600");
  return c.body(null, 204);
}

export function refusalHint(origin: string): string {
  return `CORS: refused origin ${origin}. Allow it with --cors-origin ${origin} (or the corsOrigins option), as you would add it under Authentication → Sessions → CORS in the WorkOS dashboard.`;
}
