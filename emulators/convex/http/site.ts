import type { IncomingMessage, ServerResponse } from "node:http";
import type { Backend } from "../backend.ts";
import type { TokenVerifier } from "../auth/verify.ts";
import { serverLog } from "../logs.ts";
import { httpActionCallerOf } from "./caller.ts";
import { HttpError, readBody, sendJson, toFetchInit, writeFetchResponse } from "./io.ts";
import { answerBadTarget, parseRequestTarget } from "./target.ts";

/**
 * The site origin (`*.convex.site`; 3211 locally): every request goes to `convex/http.ts`.
 * Like the backend it adds no CORS headers of its own; the router's handlers decide.
 */
export async function handleSite(req: IncomingMessage, res: ServerResponse, deps: { backend: Backend; verifier: TokenVerifier; adminKey: string }): Promise<void> {
  const url = parseRequestTarget(req.url);
  if (url === null) return answerBadTarget(req, res);
  try {
    const caller = await httpActionCallerOf(req, deps.verifier, deps.adminKey);
    const response = await deps.backend.fetchHttp(url.pathname + url.search, toFetchInit(req, await readBody(req)), caller.identity);
    await writeFetchResponse(res, response);
  } catch (error) {
    if (error instanceof HttpError) {
      sendJson(res, error.status, { code: error.code, message: error.message });
      return;
    }
    serverLog(`site ${req.method} ${url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    sendJson(res, 500, { code: "InternalServerError", message: "The HTTP action failed; see the local Convex log." });
  }
}
