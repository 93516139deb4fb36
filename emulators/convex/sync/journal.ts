import type { Value } from "convex/values";

/**
 * Convex keeps a paginated query's page boundaries stable with a "journal": the end
 * cursor of the first run. convex-test has no journals, so the local Convex stores the
 * first run's `continueCursor` as the journal and passes it back as `endCursor` on
 * every re-run, which keeps adjacent pages gapless while documents are inserted.
 */
type Args = Record<string, Value | undefined>;

function paginationOpts(args: Args): Record<string, Value | undefined> | null {
  const opts = args.paginationOpts;
  if (typeof opts !== "object" || opts === null || Array.isArray(opts) || opts instanceof ArrayBuffer) return null;
  return "numItems" in opts ? (opts as Record<string, Value | undefined>) : null;
}

export function argsWithJournal(args: Args, journal: string | null): Args {
  const opts = paginationOpts(args);
  if (journal === null || opts === null || opts.endCursor !== undefined) return args;
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
