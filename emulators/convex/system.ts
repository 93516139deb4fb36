import type { GenericSchema, SchemaDefinition } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Backend, SystemFunctions } from "./backend.ts";
import type { EnvStore } from "./deployment/env-store.ts";
import type { SnapshotExports } from "./deployment/export.ts";
import type { SnapshotImports } from "./deployment/import.ts";
import { udfTypeOf, type RegisteredFunction } from "./functions.ts";
import { tableOf } from "./internals.ts";
import type { ModuleSource } from "./modules.ts";

const TYPE_NAMES = { query: "Query", mutation: "Mutation", action: "Action" } as const;

export interface SystemDeps {
  backend: Backend;
  env: EnvStore;
  exports: SnapshotExports;
  imports: SnapshotImports;
  /** The deployment's URL, known once the server listens. */
  cloudUrl: () => string;
}

type Answer = Awaited<ReturnType<SystemFunctions>>;
type Handler = (deps: SystemDeps, args: Record<string, unknown>) => Promise<Value> | Value;

/**
 * The `_system/cli/...` functions the Convex CLI runs (over the sync socket, with the admin key)
 * for `env`, `data`, `function-spec` and `run`'s function list. Anything else under `_system/`
 * is answered with an error naming it, so a CLI command exits instead of waiting.
 */
const HANDLERS: Record<string, Handler> = {
  "_system/cli/modules:apiSpec": (deps) => apiSpec(deps.backend.modules),
  "_system/cli/convexUrl:cloudUrl": (deps) => deps.cloudUrl(),
  "_system/cli/queryEnvironmentVariables:default": (deps) => deps.env.list(),
  "_system/cli/queryEnvironmentVariables:get": (deps, args) => {
    const value = typeof args.name === "string" ? deps.env.get(args.name) : undefined;
    return value === undefined ? null : { name: args.name as string, value };
  },
  "_system/cli/tables:default": async (deps) => onePage((await tableNames(deps.backend)).map((name) => ({ name }))),
  "_system/cli/tableData:default": (deps, args) => tableData(deps.backend, args),
  "_system/cli/exports:getLatest": (deps) => deps.exports.state(),
  "_system/cli/queryImport:list": (deps) => deps.imports.list(),
  "_system/cli/queryImport:default": (deps, args) => deps.imports.get(args.importId),
};

export function systemFunctions(deps: SystemDeps): SystemFunctions {
  return async (udfPath, args): Promise<Answer> => {
    const handler = HANDLERS[udfPath];
    if (!handler) {
      return {
        ok: false,
        errorMessage: `The local Convex does not serve the system function '${udfPath}' (the CLI or dashboard feature that calls it is not emulated). It serves: ${Object.keys(HANDLERS).join(", ")}.`,
      };
    }
    try {
      const value = await handler(deps, args);
      // Encoded here, so a value the protocol cannot carry fails this call instead of the socket that sends it.
      convexToJson(value);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, errorMessage: `${udfPath} failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
}

/** `npx convex run` lists the available functions with this when asked for one that does not exist; `function-spec` prints it. */
async function apiSpec(modules: ModuleSource): Promise<Value[]> {
  const spec: Value[] = [];
  for (const modulePath of modules.entryPoints()) {
    let mod: Record<string, unknown> | null;
    try {
      mod = await modules.loadEntry(modulePath);
    } catch {
      continue;
    }
    if (mod === null) continue;
    for (const [name, value] of Object.entries(mod)) {
      const fn = (typeof value === "object" || typeof value === "function") && value !== null ? (value as RegisteredFunction & { exportReturns?: () => string }) : null;
      const type = fn ? udfTypeOf(fn) : null;
      if (fn && type) {
        spec.push({
          functionType: TYPE_NAMES[type],
          identifier: `${modulePath}.js:${name}`,
          visibility: { kind: fn.isPublic ? "public" : "internal" },
          args: parseValidator(fn.exportArgs),
          returns: parseValidator(fn.exportReturns),
        });
      } else if (name === "default" && modulePath === "http") {
        spec.push({ functionType: "HttpAction" });
      }
    }
  }
  return spec;
}

/** The function's validator as the backend reports it (`any` when there is none). */
function parseValidator(exported: (() => string) | undefined): Value {
  if (typeof exported !== "function") return { type: "any" };
  // No validator exports as null; the backend reports it as `any`.
  try {
    // Decoded as Convex JSON, as the backend does: a literal bigint (`{"$integer": …}`) becomes a value the client can encode back.
    return jsonToConvex((JSON.parse(exported()) as JSONValue) ?? { type: "any" });
  } catch {
    return { type: "any" };
  }
}

function onePage(page: Value[]): Value {
  return { page, isDone: true, continueCursor: "end" };
}

/** Tables the schema declares and tables that hold documents, without Convex's own `_` tables. */
export async function tableNames(backend: Backend): Promise<string[]> {
  const names = new Set<string>();
  const schema = (await backend.modules.loadOptional("schema"))?.default as SchemaDefinition<GenericSchema, boolean> | undefined;
  for (const name of Object.keys(schema?.tables ?? {})) names.add(name);
  for (const id of Object.keys(backend.documents())) names.add(tableOf(id));
  return [...names].filter((name) => !name.startsWith("_")).sort();
}

/**
 * One page of a table in creation order, read from the committed documents. Read directly, not
 * through a transaction: a commit would wake every subscription, this one included, in a loop.
 */
function tableData(backend: Backend, args: Record<string, unknown>): Value {
  if (typeof args.table !== "string") throw new Error('args.table must be a table name, e.g. { table: "messages" }');
  const table = args.table;
  const order = args.order === "asc" ? 1 : -1;
  const opts = (args.paginationOpts ?? {}) as { cursor?: unknown; numItems?: unknown };
  const start = typeof opts.cursor === "string" ? Number(opts.cursor) : 0;
  if (!Number.isInteger(start) || start < 0) throw new Error(`Invalid cursor ${JSON.stringify(opts.cursor)}: pass null for the first page or the continueCursor of the previous one`);
  const numItems = typeof opts.numItems === "number" && opts.numItems > 0 ? Math.floor(opts.numItems) : 100;
  const docs = Object.entries(backend.documents())
    .filter(([id]) => tableOf(id) === table)
    .map(([, doc]) => doc)
    .sort((a, b) => order * ((a._creationTime as number) - (b._creationTime as number)));
  const page = docs.slice(start, start + numItems) as Value[];
  const end = start + page.length;
  return { page, isDone: end >= docs.length, continueCursor: String(end) };
}
