import type { Doc, FakeDatabase } from "./shapes.ts";

/** convex-test's ids are digits followed by their table's name (`10001messages`). */
export const tableOf = (id: string) => id.replace(/^[0-9]+/, "");

/** A field's value as a bucket key: each string its own bucket, every other value in one. */
export function stringKey(doc: Doc, fieldPath: string): string | null {
  // Most index fields are top-level; every socket checks every commit's documents with this.
  if (!fieldPath.includes(".")) {
    const value = doc[fieldPath];
    return typeof value === "string" ? value : null;
  }
  let value: unknown = doc;
  for (const part of fieldPath.split(".")) {
    value = typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof ArrayBuffer) ? (value as Doc)[part] : undefined;
  }
  return typeof value === "string" ? value : null;
}

interface StringIndex {
  buckets: Map<string | null, Set<string>>;
  keyOf: Map<string, string | null>;
}

/**
 * Committed document ids per table, kept in `_documents`' insertion order, and per table and
 * field the ids whose field holds each string (built on first use). Rebuilt whenever
 * `_documents` is replaced as a whole (restore, dispose); kept current by the outermost commit,
 * the only other place convex-test writes it.
 */
export function indexByTable(db: FakeDatabase): { of(table: string): ReadonlySet<string>; withString(table: string, fieldPath: string, value: string): ReadonlySet<string> } {
  let indexed: Record<string, Doc> | null = null;
  const byTable = new Map<string, Set<string>>();
  const byField = new Map<string, Map<string, StringIndex>>();
  const tableSet = (table: string) => {
    let set = byTable.get(table);
    if (!set) byTable.set(table, (set = new Set()));
    return set;
  };
  const place = (index: StringIndex, id: string, doc: Doc | undefined, fieldPath: string) => {
    const previous = index.keyOf.get(id);
    if (previous !== undefined) index.buckets.get(previous)?.delete(id);
    index.keyOf.delete(id);
    if (doc === undefined) return;
    const key = stringKey(doc, fieldPath);
    let bucket = index.buckets.get(key);
    if (!bucket) index.buckets.set(key, (bucket = new Set()));
    bucket.add(id);
    index.keyOf.set(id, key);
  };
  const current = () => {
    if (indexed === db._documents) return;
    byTable.clear();
    byField.clear();
    for (const id of Object.keys(db._documents)) tableSet(tableOf(id)).add(id);
    indexed = db._documents;
  };
  const commit = db.commit.bind(db);
  db.commit = (commitTs) => {
    const applied = db._writes.length === 1 ? db._writes[0]! : null;
    commit(commitTs);
    if (applied === null || indexed !== db._documents) return;
    for (const id of Object.keys(applied)) {
      const table = tableOf(id);
      const doc = db._documents[id];
      if (doc !== undefined) tableSet(table).add(id);
      else byTable.get(table)?.delete(id);
      for (const [fieldPath, index] of byField.get(table) ?? []) place(index, id, doc, fieldPath);
    }
  };
  return {
    of(table) {
      current();
      return byTable.get(table) ?? new Set();
    },
    withString(table, fieldPath, value) {
      current();
      let fields = byField.get(table);
      if (!fields) byField.set(table, (fields = new Map()));
      let index = fields.get(fieldPath);
      if (!index) {
        index = { buckets: new Map(), keyOf: new Map() };
        for (const id of byTable.get(table) ?? []) place(index, id, db._documents[id], fieldPath);
        fields.set(fieldPath, index);
      }
      return index.buckets.get(value) ?? new Set();
    },
  };
}
