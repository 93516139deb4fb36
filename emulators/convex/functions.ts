import { convexToJson, type JSONValue } from "convex/values";
import { LimitError } from "./limits.ts";

export type UdfType = "query" | "mutation" | "action";

export interface RegisteredFunction {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
  /** The args validator as JSON text (`{"type":"any"}` when there is none). */
  exportArgs?: () => string;
}

/** `dir/mod.js:fn` → `{ modulePath: "dir/mod", exportName: "fn", canonical: "dir/mod:fn" }`, as the client canonicalizes. */
export function parseUdfPath(udfPath: string): { modulePath: string; exportName: string; canonical: string } {
  // Everything after the first ":" is the export name, so `mod:fn:extra` names no export (it is not `mod:fn`).
  const colon = udfPath.indexOf(":");
  const rawModule = colon === -1 ? udfPath : udfPath.slice(0, colon);
  const rawExport = colon === -1 ? "" : udfPath.slice(colon + 1);
  const modulePath = rawModule.replace(/\.js$/, "");
  const exportName = rawExport === "" ? "default" : rawExport;
  return { modulePath, exportName, canonical: `${modulePath}:${exportName}` };
}

export function udfTypeOf(fn: RegisteredFunction): UdfType | null {
  if (fn.isQuery) return "query";
  if (fn.isMutation) return "mutation";
  if (fn.isAction) return "action";
  return null;
}

const TYPE_NAMES: Record<UdfType, string> = { query: "Query", mutation: "Mutation", action: "Action" };

export function notFoundMessage(canonical: string, internalAllowed: boolean): string {
  return internalAllowed
    ? `Could not find function for '${canonical}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`
    : `Could not find public function for '${canonical}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`;
}

export function wrongTypeMessage(canonical: string, expected: UdfType, actual: UdfType): string {
  return `Trying to execute ${canonical} as ${TYPE_NAMES[expected]}, but it is defined as ${TYPE_NAMES[actual]}.`;
}

/** What the client receives for a thrown error: Convex's message text and, for ConvexError, its data. */
export function describeError(error: unknown): { errorMessage: string; errorData?: JSONValue } {
  if (typeof error === "object" && error !== null && Symbol.for("ConvexError") in error) {
    const e = error as Error & { data?: unknown };
    const errorData = e.data === undefined ? null : convexToJson(e.data as never);
    return { errorMessage: `Uncaught ConvexError: ${e.message}`, errorData };
  }
  if (error instanceof LimitError) return { errorMessage: error.message };
  if (error instanceof Error) return { errorMessage: `Uncaught ${error.name}: ${error.message}` };
  return { errorMessage: `Uncaught ${String(error)}` };
}
