import { AsyncLocalStorage } from "node:async_hooks";
import { jsonToConvex, type JSONValue, type Value } from "convex/values";

/**
 * The one module that touches convex-test's private parts. convex-test keeps its database and
 * transaction manager private; the local Convex needs them to persist and restore documents
 * with their ids, to notice commits and what they wrote, to learn what each query read, and to
 * stop a function that ran past its time limit. Everything else uses the `ConvexTestInternals`
 * API below. Shapes are convex-test 0.0.60's (dist/index.js; the version is pinned in
 * package.json), and `shapeProblems` names any that an upgrade broke: `captureInternals`
 * refuses to start on one, and internals.test.ts checks them against the installed package.
 */

type Doc = Record<string, unknown>;
/** `_writes`: pending writes per transaction nesting level (`null` = deleted); the outermost commit applies the last level left. */
type WriteLevel = Record<string, Doc | null>;

/** What a query's source names (`_resolveQuerySource`'s `query.source`). */
type QuerySource =
  | { type: "FullTableScan"; tableName: string }
  | { type: "IndexRange"; indexName: string; range: { type: RangeType; fieldPath: string; value: JSONValue }[] }
  | { type: "Search"; indexName: string };

interface FakeDatabase {
  _documents: Record<string, Doc>;
  _writes: WriteLevel[];
  _storage: Record<string, Blob>;
  _nextDocId: number;
  _lastCreationTime: number;
  _validate(table: string, doc: Doc): void;
  get(table: string | undefined, id: string): Doc | null;
  commit(commitTs?: bigint | null): void;
  _iterateDocs(table: string, callback: (doc: Doc) => void): void;
  _resolveQuerySource(query: { source: QuerySource }): unknown;
  vectorSearch(tableAndIndex: string, ...rest: unknown[]): unknown;
  _docIsAfterCursor(doc: Doc, cursorKeys: unknown[], fieldPaths: string[], order: "asc" | "desc"): number;
}

interface FakeTransactionManager {
  _lastCommitTs: bigint;
  _waitOnCurrentFunction: Promise<void> | null;
  begin(isNested: boolean, limits: unknown): Promise<void>;
  commit(isNested: boolean): bigint | null;
  rollback(isNested: boolean): void;
  isInTransaction(): boolean;
}

interface ConvexGlobal {
  components: Record<string, { db: FakeDatabase }>;
  transactionManager: FakeTransactionManager;
  asyncSyscall(op: string, jsonArgs: string): Promise<string>;
}

export type RangeType = "Eq" | "Lt" | "Lte" | "Gt" | "Gte";

/** One bound of an index range, its value decoded (`undefined` for a missing field). */
export interface RangeBound {
  type: RangeType;
  fieldPath: string;
  value: Value | undefined;
}

/** What one database read covered: a document by id, a whole table, or an index range. */
export type Read = { kind: "id"; id: string } | { kind: "table"; table: string } | { kind: "range"; table: string; range: RangeBound[] };

export interface TransactionHooks {
  /** After a transaction began (and, when top-level, holds the database lock). */
  afterBegin(isNested: boolean): void;
  /** Around convex-test's commit; `commit` applies it and returns the timestamp (null when nested). */
  commit(isNested: boolean, commit: () => bigint | null): bigint | null;
  rollback(isNested: boolean, rollback: () => void): void;
}

/** The counters and blobs persistence saves with each commit, read live from the instance. */
export interface StoreView {
  readonly nextDocId: number;
  readonly lastCreationTime: number;
  readonly storage: Readonly<Record<string, Blob>>;
}

/** What the rest of the local Convex may use of a convex-test instance. */
export interface ConvexTestInternals extends StoreView {
  /** Committed documents by id (Convex values). Read-only: replace them with `replaceDocuments`. */
  readonly documents: Readonly<Record<string, Doc>>;
  replaceDocuments(documents: Record<string, Doc>): void;
  readonly storage: Readonly<Record<string, Blob>>;
  replaceStorage(storage: Record<string, Blob>): void;
  /** The id counter and creation clock, so restored documents keep their ids and new ones never collide. */
  readonly nextDocId: number;
  readonly lastCreationTime: number;
  raiseCounters(nextDocId: number, lastCreationTime: number): void;
  /** Throws when `fields` do not fit the schema's table. */
  validate(table: string, fields: Doc): void;
  readonly lastCommitTs: bigint;
  raiseLastCommitTs(ts: bigint): void;
  isInTransaction(): boolean;
  /** Resolves when the running transaction ends (null when none runs). */
  currentTransaction(): Promise<void> | null;
  /** Rolls the top-level transaction back with convex-test's own rollback, bypassing the hooks. */
  forceRollback(): void;
  /** The ids the next commit writes, when it is the outermost one (empty otherwise). */
  pendingTopLevelWrites(): string[];
  hookTransactions(hooks: TransactionHooks): void;
  /** Wraps every async syscall (`Convex.asyncSyscall` inside the instance's functions). */
  wrapAsyncSyscalls(wrap: (op: string, jsonArgs: string, next: (op: string, jsonArgs: string) => Promise<string>) => Promise<string>): void;
  /** Called synchronously, inside the reading function's context, for each read a function makes. */
  onRead(listener: (read: Read) => void): void;
  /** Whether `doc` lies in an index range, compared as convex-test compares (Convex's value order). */
  inRange(doc: Doc, range: RangeBound[]): boolean;
}

/**
 * Every private method and field relied on, with the arity (`Function.length`, which stops at
 * the first defaulted parameter) or type convex-test 0.0.60 has. An upgrade that changes one
 * shows up here by name instead of as wrong results.
 */
const DATABASE_METHODS: Record<string, number> = {
  get: 2,
  commit: 0,
  _iterateDocs: 2,
  _resolveQuerySource: 1,
  vectorSearch: 4,
  _docIsAfterCursor: 4,
  _validate: 2,
  startTransaction: 0,
};
const DATABASE_FIELDS: Record<string, "object" | "number" | "array"> = {
  _documents: "object",
  _writes: "array",
  _storage: "object",
  _nextDocId: "number",
  _lastCreationTime: "number",
};
const TRANSACTION_METHODS: Record<string, number> = { begin: 2, commit: 1, rollback: 1, isInTransaction: 0 };

function typeOf(value: unknown): string {
  return Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
}

/** Each assumption about a captured state object that does not hold, named; empty when all hold. */
export function shapeProblems(store: unknown): string[] {
  const problems: string[] = [];
  if (typeof AsyncLocalStorage.prototype.run !== "function") problems.push("AsyncLocalStorage.prototype.run is not a function");
  if (typeof store !== "object" || store === null) return [...problems, "the convex-test global state is not an object"];
  const g = store as Partial<Record<keyof ConvexGlobal, unknown>>;
  const root = (g.components as Record<string, { db?: unknown }> | undefined)?.[""]?.db;
  if (typeof root !== "object" || root === null) problems.push('state.components[""].db (the root DatabaseFake) is missing');
  else {
    for (const [name, arity] of Object.entries(DATABASE_METHODS)) {
      const fn = (root as Record<string, unknown>)[name];
      if (typeof fn !== "function") problems.push(`DatabaseFake.${name} is not a method (got ${typeOf(fn)})`);
      else if (fn.length !== arity) problems.push(`DatabaseFake.${name} takes ${fn.length} parameter(s), expected ${arity}`);
    }
    for (const [name, type] of Object.entries(DATABASE_FIELDS)) {
      const actual = typeOf((root as Record<string, unknown>)[name]);
      if (actual !== type) problems.push(`DatabaseFake.${name} is ${actual}, expected ${type}`);
    }
  }
  const tm = g.transactionManager as Record<string, unknown> | undefined;
  if (typeof tm !== "object" || tm === null) problems.push("state.transactionManager is missing");
  else {
    for (const [name, arity] of Object.entries(TRANSACTION_METHODS)) {
      const fn = tm[name];
      if (typeof fn !== "function") problems.push(`TransactionManager.${name} is not a method (got ${typeOf(fn)})`);
      else if (fn.length !== arity) problems.push(`TransactionManager.${name} takes ${fn.length} parameter(s), expected ${arity}`);
    }
    if (typeof tm._lastCommitTs !== "bigint") problems.push(`TransactionManager._lastCommitTs is ${typeOf(tm._lastCommitTs)}, expected bigint`);
    if (!("_waitOnCurrentFunction" in tm)) problems.push("TransactionManager._waitOnCurrentFunction is missing");
  }
  if (typeof g.asyncSyscall !== "function") problems.push(`state.asyncSyscall is not a function (got ${typeOf(g.asyncSyscall)})`);
  return problems;
}

function looksLikeConvexGlobal(store: unknown): boolean {
  return typeof store === "object" && store !== null && "components" in store && "transactionManager" in store;
}

/**
 * Calls `enter` (which must make the instance run something) and returns the instance's global
 * state object, caught the first time the instance enters its AsyncLocalStorage context with it.
 */
export async function catchGlobalState(enter: () => Promise<unknown>): Promise<{ store: unknown; enter: (fn: () => unknown) => unknown }> {
  const proto = AsyncLocalStorage.prototype as unknown as { run: (...a: unknown[]) => unknown };
  const originalRun = proto.run;
  let found: { als: AsyncLocalStorage<unknown>; store: unknown } | null = null;
  proto.run = function (this: AsyncLocalStorage<unknown>, store: unknown, ...rest: unknown[]) {
    if (found === null && looksLikeConvexGlobal(store)) found = { als: this, store };
    return originalRun.call(this, store, ...rest);
  };
  try {
    await enter();
  } finally {
    proto.run = originalRun;
  }
  if (found === null) {
    throw new Error("Could not reach convex-test's database (its global state never entered an AsyncLocalStorage): is convex-test still version 0.0.60?");
  }
  const { als, store } = found as { als: AsyncLocalStorage<unknown>; store: unknown };
  return { store, enter: (fn) => originalRun.call(als, store, fn) };
}

/** `catchGlobalState`, checked against `shapeProblems`, behind the API the local Convex uses. */
export async function captureInternals(enter: () => Promise<unknown>): Promise<ConvexTestInternals> {
  const caught = await catchGlobalState(enter);
  const problems = shapeProblems(caught.store);
  if (problems.length > 0) {
    throw new Error(`convex-test's internals are not the shape the local Convex relies on (written for convex-test 0.0.60): ${problems.join("; ")}`);
  }
  return wrap(caught.store as ConvexGlobal, caught.enter);
}

const tableOf = (id: string) => id.replace(/^[0-9]+/, "");

function wrap(g: ConvexGlobal, enter: (fn: () => unknown) => unknown): ConvexTestInternals {
  const db = g.components[""]!.db;
  const tm = g.transactionManager;
  const readListeners: ((read: Read) => void)[] = [];
  const emit = (read: Read) => {
    for (const listener of readListeners) listener(read);
  };
  const ids = indexByTable(db);

  const get = db.get.bind(db);
  db.get = (table, id) => {
    if (typeof id === "string") emit({ kind: "id", id });
    return get(table, id);
  };
  const resolve = db._resolveQuerySource.bind(db);
  /** Committed documents that can match the query being resolved (a superset; convex-test still filters). */
  let candidates: ReadonlySet<string> | null = null;
  db._resolveQuerySource = (query) => {
    const source = query.source;
    if (source.type === "IndexRange") {
      const table = source.indexName.split(".")[0]!;
      const range = source.range.map((bound) => ({ type: bound.type, fieldPath: bound.fieldPath, value: decodeBound(bound.value) }));
      emit({ kind: "range", table, range });
      // An index range starts with equality on the index's first fields; a string there picks its documents directly.
      const first = range[0];
      if (first?.type === "Eq" && typeof first.value === "string") candidates = ids.withString(table, first.fieldPath, first.value);
    } else {
      // A table scan reads the table; a text search is treated as reading it too (as the backend's read set would cover its matches).
      emit({ kind: "table", table: source.type === "FullTableScan" ? source.tableName : source.indexName.split(".")[0]! });
    }
    try {
      return resolve(query);
    } finally {
      candidates = null;
    }
  };
  const vectorSearch = db.vectorSearch.bind(db);
  db.vectorSearch = (tableAndIndex, ...rest) => {
    emit({ kind: "table", table: tableAndIndex.split(".")[0]! });
    return vectorSearch(tableAndIndex, ...rest);
  };
  // convex-test scans every document of every table for each query; this visits one table's,
  // in the same order (committed documents in insertion order, then pending ones), or only
  // those an index range can match.
  db._iterateDocs = (table, callback) => {
    const lookup = (id: string): Doc | null => {
      for (let i = db._writes.length - 1; i >= 0; i--) {
        const write = db._writes[i]![id];
        if (write !== undefined) return write;
      }
      return db._documents[id] ?? null;
    };
    const visited = candidates ?? ids.of(table);
    for (const id of visited) {
      const doc = lookup(id);
      if (doc !== null) callback(doc);
    }
    // Pending writes can match whatever their committed version was.
    const pending = new Set<string>();
    for (const level of db._writes) {
      for (const id of Object.keys(level)) if (!visited.has(id) && tableOf(id) === table) pending.add(id);
    }
    for (const id of pending) {
      const doc = lookup(id);
      if (doc !== null) callback(doc);
    }
  };

  return {
    get documents() {
      return db._documents;
    },
    replaceDocuments(documents) {
      db._documents = documents;
    },
    get storage() {
      return db._storage;
    },
    replaceStorage(storage) {
      db._storage = storage;
    },
    get nextDocId() {
      return db._nextDocId;
    },
    get lastCreationTime() {
      return db._lastCreationTime;
    },
    raiseCounters(nextDocId, lastCreationTime) {
      db._nextDocId = Math.max(db._nextDocId, nextDocId);
      db._lastCreationTime = Math.max(db._lastCreationTime, lastCreationTime);
    },
    validate: (table, fields) => db._validate(table, fields),
    get lastCommitTs() {
      return tm._lastCommitTs;
    },
    raiseLastCommitTs(ts) {
      if (ts > tm._lastCommitTs) tm._lastCommitTs = ts;
    },
    isInTransaction: () => tm.isInTransaction(),
    currentTransaction: () => tm._waitOnCurrentFunction,
    forceRollback() {
      const rollback = Object.getPrototypeOf(tm).rollback as (this: unknown, isNested: boolean) => void;
      enter(() => rollback.call(tm, false));
    },
    pendingTopLevelWrites: () => (db._writes.length === 1 ? Object.keys(db._writes[0]!) : []),
    hookTransactions(hooks) {
      const begin = tm.begin.bind(tm);
      const commit = tm.commit.bind(tm);
      const rollback = tm.rollback.bind(tm);
      tm.begin = async (isNested, limits) => {
        await begin(isNested, limits);
        hooks.afterBegin(isNested);
      };
      tm.commit = (isNested) => hooks.commit(isNested, () => commit(isNested));
      tm.rollback = (isNested) => hooks.rollback(isNested, () => rollback(isNested));
    },
    wrapAsyncSyscalls(wrapper) {
      const next = g.asyncSyscall;
      g.asyncSyscall = (op, jsonArgs) => wrapper(op, jsonArgs, next);
    },
    onRead(listener) {
      readListeners.push(listener);
    },
    inRange(doc, range) {
      return range.every((bound) => {
        // Every socket checks every commit: equality with a string (ids, names) needs no comparator, as no other value equals a string.
        if (bound.type === "Eq" && typeof bound.value === "string") return stringKey(doc, bound.fieldPath) === bound.value;
        // `_docIsAfterCursor` compares a document's field with a value exactly as index ranges do.
        const cmp = db._docIsAfterCursor(doc, [bound.value], [bound.fieldPath], "asc");
        switch (bound.type) {
          case "Eq":
            return cmp === 0;
          case "Gt":
            return cmp > 0;
          case "Gte":
            return cmp >= 0;
          case "Lt":
            return cmp < 0;
          case "Lte":
            return cmp <= 0;
        }
      });
    },
  };
}

/** A range bound's value as convex-test evaluates it (`{ $undefined: null }` is a missing field). */
function decodeBound(value: JSONValue): Value | undefined {
  if (typeof value === "object" && value !== null && !Array.isArray(value) && "$undefined" in value) return undefined;
  return jsonToConvex(value);
}

/** A field's value as a bucket key: each string its own bucket, every other value in one. */
function stringKey(doc: Doc, fieldPath: string): string | null {
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
function indexByTable(db: FakeDatabase): { of(table: string): ReadonlySet<string>; withString(table: string, fieldPath: string, value: string): ReadonlySet<string> } {
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
