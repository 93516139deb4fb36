import type { IncomingMessage, ServerResponse } from "node:http";

export type CorsVerdict =
  /** No Origin, or the server's own origin: not a CORS request. */
  | "same-origin"
  | "allowed"
  | "refused";

/**
 * The Host header's name when it is one this server answers to, else undefined. Checking it stops
 * DNS rebinding: a page on a name its owner points at 127.0.0.1 is same-origin with itself, so
 * without this check it could read and write the test API of a server on this machine.
 */
export function knownHost(req: IncomingMessage, ownHostnames: string[]): string | undefined {
  try {
    const { hostname } = new URL(`http://${req.headers.host ?? ""}`);
    return ownHostnames.includes(hostname) ? hostname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Applies the allow list the way WorkOS's dashboard CORS setting does: allowed origins get their
 * origin echoed with credentials; any other origin gets no CORS headers, so the browser blocks it.
 * Only this server's own origins are same-origin — not whatever the Host header says.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: string[], ownOrigins: string[]): CorsVerdict {
  const origin = req.headers.origin;
  res.setHeader("Vary", "Origin");
  if (!origin || ownOrigins.includes(origin)) return "same-origin";
  if (!allowed.includes(origin)) return "refused";
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  return "allowed";
}

/** Answers an OPTIONS preflight from an allowed origin. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.statusCode = 204;
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  res.setHeader(
    "Access-Control-Allow-Headers",
    req.headers["access-control-request-headers"] ?? "Accept, Content-Type, Authorization",
  );
  res.setHeader("Access-Control-Max-Age", "600");
  res.end();
}

export function refusalHint(origin: string): string {
  return `CORS: refused origin ${origin}. Allow it with --cors-origin ${origin} (or the corsOrigins option), as you would add it under Authentication → Sessions → CORS in the WorkOS dashboard.`;
}
