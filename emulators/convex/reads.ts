import { tableOf, type RangeBound, type Read } from "./internals.ts";
import type { Write } from "./runtime.ts";

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

  /** Whether any of `writes` may change what was read. */
  touchedBy(writes: readonly Write[]): boolean {
    return writes.some((w) => this.covers(w.id, w.before) || this.covers(w.id, w.after));
  }

  private covers(id: string, doc: Doc | null): boolean {
    if (this.ids.has(id)) return true;
    const table = tableOf(id);
    if (this.tables.has(table)) return true;
    if (doc === null) return false;
    return this.ranges.get(table)?.some((range) => this.inRange(doc, range)) ?? false;
  }
}
