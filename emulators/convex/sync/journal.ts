import type { Value } from "convex/values";
import type { RegisteredFunction } from "../functions.ts";

/**
 * Convex keeps a paginated query's page boundaries stable with a "journal": the end
 * cursor of the first run. convex-test has no journals, so the local Convex stores the
 * first run's `continueCursor` as the journal and passes it back as `endCursor` on
 * every re-run, which keeps adjacent pages gapless while documents are inserted.
 *
 * The journal travels in the function's own arguments, so it is only added where the
 * function's args validator lets `paginationOpts.endCursor` through
 * (`paginationOptsValidator` does; a hand-written `v.object({ numItems, cursor })` does not,
 * and would fail every re-run with "Unexpected field"). Such queries run without a journal.
 */
type Args = Record<string, Value | undefined>;

function paginationOpts(args: Args): Record<string, Value | undefined> | null {
  const opts = args.paginationOpts;
  if (typeof opts !== "object" || opts === null || Array.isArray(opts) || opts instanceof ArrayBuffer) return null;
  return "numItems" in opts ? (opts as Record<string, Value | undefined>) : null;
}

export function argsWithJournal(args: Args, journal: string | null, fn: RegisteredFunction): Args {
  const opts = paginationOpts(args);
  if (journal === null || opts === null || opts.endCursor !== undefined || !acceptsEndCursor(fn)) return args;
  return { ...args, paginationOpts: { ...opts, endCursor: journal } as Value };
}

export function journalFrom(args: Args, journal: string | null, result: Value): string | null {
  if (journal !== null) return journal;
  const opts = paginationOpts(args);
  if (opts === null || opts.endCursor !== undefined) return null;
  const cursor = (result as { continueCursor?: unknown } | null)?.continueCursor;
  // An empty cursor (a hand-built empty page) is no position to keep.
  return typeof cursor === "string" && cursor !== "" ? cursor : null;
}

/** A validator as `exportArgs()` describes it (the shape Convex pushes to the backend). */
interface ValidatorJson {
  type: string;
  value?: unknown;
}

/** Whether the args validator would accept a string at `paginationOpts.endCursor`. */
export function acceptsEndCursor(fn: RegisteredFunction): boolean {
  let args: ValidatorJson;
  try {
    args = JSON.parse(fn.exportArgs?.() ?? "null") as ValidatorJson;
  } catch {
    return false;
  }
  return args !== null && admitsString(args, ["paginationOpts", "endCursor"]);
}

function admitsString(validator: ValidatorJson, path: string[]): boolean {
  if (validator.type === "any") return true;
  if (validator.type === "union") return (validator.value as ValidatorJson[]).some((member) => admitsString(member, path));
  const [key, ...rest] = path;
  if (key === undefined) return validator.type === "string";
  if (validator.type !== "object") return false;
  const field = (validator.value as Record<string, { fieldType: ValidatorJson } | undefined>)[key];
  return field !== undefined && admitsString(field.fieldType, rest);
}
