import type { RangeBound, Read } from "./internals.ts";
import type { Commit } from "./runtime.ts";

type Doc = Record<string, unknown>;

/**
 * What one query run read, as Convex tracks it: documents by id, whole tables (table scans and
 * text or vector search) and index ranges (the equality and bound filters on index fields).
 * A commit can change the run's result only if a document it wrote lies in one of them, before
 * or after the write. Filters applied after the index (`.filter`), limits (`.first()`, `.take()`)
 * and pagination bounds are not narrowed: the whole index range counts, which can re-run a
 * query needlessly but never skips one that changed.
 */
export class ReadSet {
  private readonly ids = new Set<string>();
  private readonly tables = new Set<string>();
  private readonly ranges = new Map<string, RangeBound[][]>();
  /** The commit the run read at (the last one before its transaction began); null until it began. */
  snapshotTs: bigint | null = null;

  constructor(private readonly inRange: (doc: Doc, range: RangeBound[]) => boolean) {}

  add(read: Read): void {
    if (read.kind === "id") this.ids.add(read.id);
    else if (read.kind === "table") this.tables.add(read.table);
    else {
      const ranges = this.ranges.get(read.table);
      if (ranges) ranges.push(read.range);
      else this.ranges.set(read.table, [read.range]);
    }
  }

  /**
   * Whether `commit` may change what this run read: it landed after the snapshot the run read
   * at (or the run never began a transaction, so nothing is known), and a document it wrote lies
   * in the reads, before or after the write. The one check behind both a commit's fan-out to the
   * sockets and a transition's choice of queries to re-run; it runs for every subscribed query
   * on every commit.
   */
  mayChange(commit: Commit): boolean {
    const snapshot = this.snapshotTs;
    if (snapshot === null) return true;
    if (commit.ts <= snapshot) return false;
    for (const write of commit.writes) {
      const table = write.table;
      if (this.ids.has(write.id) || this.tables.has(table)) return true;
      const ranges = this.ranges.get(table);
      if (ranges === undefined) continue;
      for (const range of ranges) {
        if ((write.before !== null && this.inRange(write.before, range)) || (write.after !== null && this.inRange(write.after, range))) return true;
      }
    }
    return false;
  }
}
