import type { IncomingMessage, ServerResponse } from "node:http";
import { transform } from "esbuild";
import type { GenericQueryCtx, GenericDataModel } from "convex/server";
import type { Value } from "convex/values";
import type { Backend } from "../backend.ts";
import { describeError } from "../functions.ts";
import { exportValue, parseFormat } from "../http/format.ts";
import { HttpError, readBody, sendJson } from "../http/io.ts";
import { withFunctionLogs } from "../logs.ts";

/** The module the CLI's generated source imports its wrappers from (a backend-provided module). */
const WRAPPERS_MODULE = "convex:/_system/repl/wrappers.js";

type QueryHandler = (ctx: GenericQueryCtx<GenericDataModel>, args: Record<string, unknown>) => unknown;

/** What `query({...})` / `internalQuery({...})` give back inside the one-off module. */
interface OneOffQuery {
  handler: QueryHandler;
}

/**
 * `POST /api/run_test_function` (`npx convex run --inline-query`): one module source exporting a
 * default query, run once as a read-only query against the current data. The source is turned
 * into CommonJS by esbuild so its one import (the wrappers) can be provided here.
 */
export async function runTestFunction(req: IncomingMessage, res: ServerResponse, backend: Backend): Promise<void> {
  const body = parseBody((await readBody(req)).toString("utf8"));
  const format = parseFormat(body.format, "encoded");
  if (body.componentId !== undefined) throw new HttpError(400, "BadRequest", "Components are not supported by the local Convex: run the inline query without --component");
  const { lines, outcome } = await withFunctionLogs(`[Q ${body.bundle.path}]`, async () => {
    const query = await evaluateModule(body.bundle.source, body.bundle.path);
    return (await backend.withRuntime((runtime) => (runtime.t as unknown as InlineQueries).query(query.handler, body.args))) as Value;
  });
  if (outcome.ok) {
    sendJson(res, 200, { status: "success", value: exportValue(outcome.value ?? null, format), logLines: lines });
  } else {
    sendJson(res, 200, { status: "error", errorMessage: describeError(outcome.error).errorMessage, logLines: lines });
  }
}

/** convex-test runs a handler passed to `t.query` as a query: read-only database, rolled back. */
interface InlineQueries {
  query(handler: QueryHandler, args: Record<string, unknown>): Promise<unknown>;
}

interface TestFunctionBody {
  bundle: { path: string; source: string };
  args: Record<string, unknown>;
  format?: unknown;
  componentId?: unknown;
}

function parseBody(text: string): TestFunctionBody {
  let body: Partial<TestFunctionBody>;
  try {
    body = JSON.parse(text) as Partial<TestFunctionBody>;
  } catch {
    throw new HttpError(400, "BadJsonBody", 'The body must be JSON like {"bundle": {"path": "testQuery.js", "source": "..."}, "args": {}}');
  }
  if (typeof body?.bundle?.source !== "string") throw new HttpError(400, "BadRequest", 'Missing "bundle.source": the module source exporting a default query');
  const args = body.args && typeof body.args === "object" && !Array.isArray(body.args) ? body.args : {};
  return { bundle: { path: typeof body.bundle.path === "string" ? body.bundle.path : "testQuery.js", source: body.bundle.source }, args, format: body.format, componentId: body.componentId };
}

async function evaluateModule(source: string, file: string): Promise<OneOffQuery> {
  let code: string;
  try {
    ({ code } = await transform(source, { format: "cjs", loader: "ts", sourcefile: file, target: "es2022" }));
  } catch (error) {
    throw new Error(`Could not parse ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const wrap = (definition: unknown): OneOffQuery => {
    const handler = typeof definition === "function" ? definition : (definition as { handler?: unknown } | null)?.handler;
    if (typeof handler !== "function") throw new Error("query() needs a handler: query({ handler: async (ctx) => ... })");
    return { handler: handler as QueryHandler };
  };
  const requireWrapper = (specifier: string) => {
    if (specifier === WRAPPERS_MODULE) return { query: wrap, internalQuery: wrap };
    throw new Error(`An inline query can import only "${WRAPPERS_MODULE}", not "${specifier}": query the data through ctx.db`);
  };
  const module = { exports: {} as Record<string, unknown> };
  // The one-off module is code the admin sent to run, as the backend runs it; it gets no Node require.
  new Function("require", "module", "exports", code)(requireWrapper, module, module.exports);
  const exported = module.exports.default as OneOffQuery | undefined;
  if (!exported || typeof exported.handler !== "function") throw new Error(`${file} must export default query({ handler: async (ctx) => ... })`);
  return exported;
}
