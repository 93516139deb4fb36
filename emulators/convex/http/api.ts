import type { IncomingMessage, ServerResponse } from "node:http";
import { jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Backend } from "../backend.ts";
import type { UdfType } from "../functions.ts";
import type { TokenVerifier } from "../auth/verify.ts";
import { handleDeploymentRoute, type DeploymentDeps } from "../deployment/routes.ts";
import { serverLog } from "../logs.ts";
import { decodeTs, encodeTs } from "../sync/protocol.ts";
import { callerOf, httpActionCallerOf } from "./caller.ts";
import { applyCors, handlePreflight } from "./cors.ts";
import { exportValue, parseFormat, type ValueFormat } from "./format.ts";
import { HttpError, readBody, sendJson, sendText, toFetchInit, writeFetchResponse } from "./io.ts";
import { answerBadTarget, parseRequestTarget } from "./target.ts";

export interface ApiDeps {
  backend: Backend;
  verifier: TokenVerifier;
  adminKey: string;
  instanceName: string;
  /** The CLI's deployment routes (env, logs, push, …). */
  deployment: DeploymentDeps;
}

/** The status the backend uses for a function that ran and failed (`STATUS_CODE_UDF_FAILED`). */
const UDF_FAILED = 560;
export const VERSION = "local-convex (convex 1.48.0, convex-test 0.0.60)";

const TYPED_ROUTES: Record<string, UdfType> = { "/api/query": "query", "/api/mutation": "mutation", "/api/action": "action" };

/** The deployment's HTTP API on the main port: function calls, health routes, `/http/*` actions. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, deps: ApiDeps): Promise<void> {
  const url = parseRequestTarget(req.url);
  if (url === null) return answerBadTarget(req, res);
  if (handlePreflight(req, res)) return;
  applyCors(req, res);
  try {
    await route(req, res, url, deps);
  } catch (error) {
    if (error instanceof HttpError) {
      sendJson(res, error.status, { code: error.code, message: error.message });
      return;
    }
    serverLog(`HTTP ${req.method} ${url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    sendJson(res, 500, { code: "InternalServerError", message: "The local Convex failed to handle this request; see its log." });
  }
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, deps: ApiDeps): Promise<void> {
  const { pathname } = url;
  if (req.method === "GET" && pathname === "/") return sendText(res, 200, "This Convex deployment is running. See https://docs.convex.dev/.");
  if (req.method === "GET" && pathname === "/instance_name") return sendText(res, 200, deps.instanceName);
  if (req.method === "GET" && (pathname === "/instance_version" || pathname === "/version")) return sendText(res, 200, VERSION);
  if (await handleDeploymentRoute(req, res, url, deps.deployment)) return;
  if (pathname.startsWith("/http/") || pathname === "/http") {
    const caller = await httpActionCallerOf(req, deps.verifier, deps.adminKey);
    const path = pathname.slice("/http".length) || "/";
    return writeFetchResponse(res, await deps.backend.fetchHttp(path + url.search, toFetchInit(req, await readBody(req)), caller.identity));
  }
  // Timestamps are base64 of 8 little-endian bytes, as everywhere in the protocol (ConvexHttpClient passes it back to /api/query_at_ts).
  if (req.method === "POST" && pathname === "/api/query_ts") return sendJson(res, 200, { ts: encodeTs(deps.backend.lastCommitTs()) });
  if (req.method === "POST" && pathname === "/api/query_at_ts") {
    const body = await readJson(req);
    return runFunction(req, res, deps, body, "query", { atTs: readTs(body.ts) });
  }
  const typed = TYPED_ROUTES[pathname];
  if (typed && req.method === "GET" && typed === "query") {
    const args = url.searchParams.get("args");
    return runFunction(req, res, deps, { path: url.searchParams.get("path"), args: args ? parseArgsParam(args) : {}, format: url.searchParams.get("format") ?? undefined }, typed);
  }
  if (req.method !== "POST") throw new HttpError(404, "NotFound", `No route for ${req.method} ${pathname}`);
  if (typed) return runFunction(req, res, deps, await readJson(req), typed);
  if (pathname === "/api/function") return runFunction(req, res, deps, await readJson(req), undefined);
  if (pathname.startsWith("/api/run/")) {
    const parts = pathname.slice("/api/run/".length).split("/").filter(Boolean);
    if (parts.length < 2) throw new HttpError(400, "BadRequest", "Use /api/run/<module path>/<function name>");
    const body = await readJson(req);
    // The backend defaults /api/run to clean JSON; the other routes default to the clients' encoding.
    return runFunction(req, res, deps, { ...body, path: `${parts.slice(0, -1).join("/")}:${parts.at(-1)}` }, undefined, { defaultFormat: "clean" });
  }
  throw new HttpError(404, "NotFound", `No route for POST ${pathname}`);
}

interface CallBody {
  componentPath?: unknown;
  path?: unknown;
  args?: unknown;
  format?: unknown;
  ts?: unknown;
}

interface RunOptions {
  defaultFormat?: ValueFormat;
  /** `/api/query_at_ts`: the snapshot the caller asked for. */
  atTs?: bigint;
}

function parseArgsParam(text: string): JSONValue {
  try {
    return JSON.parse(text) as JSONValue;
  } catch {
    throw new HttpError(400, "BadRequest", "The \"args\" query parameter must be JSON, e.g. args={}");
  }
}

function readTs(ts: unknown): bigint {
  if (typeof ts === "string" && Buffer.from(ts, "base64").length === 8) return decodeTs(ts);
  throw new HttpError(400, "BadRequest", "\"ts\" must be a timestamp from /api/query_ts (base64 of 8 little-endian bytes)");
}

async function readJson(req: IncomingMessage): Promise<CallBody> {
  const text = (await readBody(req)).toString("utf8");
  try {
    const body = JSON.parse(text || "{}") as unknown;
    if (typeof body !== "object" || body === null) throw new Error("not an object");
    return body as CallBody;
  } catch {
    throw new HttpError(400, "BadJsonBody", "The request body must be a JSON object like {\"path\": \"module:function\", \"args\": {}}");
  }
}

async function runFunction(req: IncomingMessage, res: ServerResponse, deps: ApiDeps, body: CallBody, expect: UdfType | undefined, options: RunOptions = {}): Promise<void> {
  if (typeof body.path !== "string" || body.path === "") throw new HttpError(400, "BadRequest", "Missing \"path\" (e.g. \"messages:list\")");
  const format = parseFormat(body.format, options.defaultFormat ?? "encoded");
  const caller = await callerOf(req, deps.verifier, deps.adminKey);
  // ConvexHttpClient sends args as a one-element array; the public HTTP API as an object.
  const rawArgs = Array.isArray(body.args) ? body.args[0] : (body.args ?? {});
  let args: Value;
  try {
    args = jsonToConvex(rawArgs as JSONValue);
  } catch (error) {
    throw new HttpError(400, "BadRequest", `Invalid args: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof args !== "object" || args === null || Array.isArray(args)) throw new HttpError(400, "BadRequest", "\"args\" must be an object");
  const result = await deps.backend.call({
    udfPath: body.path,
    args: args as Record<string, Value>,
    expect,
    componentPath: typeof body.componentPath === "string" ? body.componentPath : undefined,
    identity: caller.identity,
    internalAllowed: caller.admin,
  });
  if (options.atTs !== undefined && deps.backend.lastCommitTs() > options.atTs) {
    // convex-test keeps no history: a snapshot older than the latest commit cannot be read.
    throw new HttpError(
      400,
      "OutOfRetention",
      "The local Convex keeps no history, so it can only answer /api/query_at_ts at its latest timestamp and data changed since this one; call consistentQuery again (or use query).",
    );
  }
  if (result.ok) {
    sendJson(res, 200, { status: "success", value: exportValue(result.value, format), logLines: result.logLines });
  } else {
    const errorData = result.errorData === undefined ? {} : { errorData: exportValue(jsonToConvex(result.errorData), format) };
    sendJson(res, UDF_FAILED, { status: "error", errorMessage: result.errorMessage, ...errorData, logLines: result.logLines });
  }
}
