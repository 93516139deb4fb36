import type { IncomingMessage, ServerResponse } from "node:http";
import { serverLog } from "../logs.ts";
import { sendJson } from "./io.ts";

/**
 * The request target as a URL, or null when it cannot be one. Never throws: the target is
 * whatever the client sent, and a throw in the upgrade listener would end the process (in a
 * request handler it would leave the request unanswered).
 *
 * A target starting with `/` is a path (HTTP's origin-form), so it is appended to an origin
 * rather than resolved against one: resolved, `//` or `//a%20b` would read as a host and fail
 * to parse. This is also how convex-test builds an HTTP action's URL.
 */
export function parseRequestTarget(target: string | undefined): URL | null {
  const raw = target ?? "/";
  try {
    // Absolute-form (`http://host/path`) is what proxies send; anything else (`*`, `http://[/`) fails here.
    return new URL(raw.startsWith("/") ? `http://local${raw}` : raw);
  } catch {
    return null;
  }
}

/** What is logged and answered for a target that is not a URL. */
export function badTargetMessage(req: IncomingMessage): string {
  return `${req.method ?? "?"} ${JSON.stringify(req.url)}: the request target is not a valid URL path; send a path such as /api/query or /api/sync`;
}

/** Answers 400 to a request whose target is not a URL, and says so in the server log. */
export function answerBadTarget(req: IncomingMessage, res: ServerResponse): void {
  const message = badTargetMessage(req);
  serverLog(`HTTP 400: ${message}`);
  sendJson(res, 400, { code: "BadRequest", message });
}
