import { AsyncLocalStorage } from "node:async_hooks";
import { jsonToConvex, type JSONValue, type Value, type ValidatorJSON } from "convex/values";
import { shapeProblems, type ConvexGlobal, type Doc, type FakeDatabase } from "./internals/shapes.ts";
import { indexByTable, stringKey, tableOf } from "./internals/table-index.ts";

export { shapeProblems } from "./internals/shapes.ts";
export { tableOf } from "./internals/table-index.ts";

/**
 * The one module that touches convex-test's private parts. convex-test keeps its database and
 * transaction manager private; the local Convex needs them to persist and restore documents
 * with their ids, to notice commits and what they wrote, to learn what each query read, and to
 * stop a function that ran past its time limit. Everything else uses the `ConvexTestInternals`
 * API below (its parts: `internals/shapes.ts`, the private shapes relied on, and
 * `internals/table-index.ts`, the per-table index scans use). Shapes are convex-test 0.0.60's
 * (dist/index.js; the version is pinned in package.json), and `shapeProblems` names any that an
 * upgrade broke: `captureInternals` refuses to start on one, and internals.test.ts checks them
 * against the installed package.
 */

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
  replaceStorage(storage: Record<string, Blob>): void;
  /** Raises the id counter and creation clock, so restored documents keep their ids and new ones never collide. */
  raiseCounters(nextDocId: number, lastCreationTime: number): void;
  /** Throws when `fields` do not fit the schema's table. */
  validate(table: string, fields: Doc): void;
  /** Throws, with convex-test's own message, when `value` does not pass `validator` (convex-test's validation of return values). */
  validateValue(validator: ValidatorJSON, value: Value): void;
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

function wrap(g: ConvexGlobal, enter: (fn: () => unknown) => unknown): ConvexTestInternals {
  const db = g.components[""]!.db;
  const tm = g.transactionManager;
  const readListeners: ((read: Read) => void)[] = [];
  const emit = (read: Read) => {
    for (const listener of readListeners) listener(read);
  };
  const ids = indexByTable(db);
  const validateWithSchema = (Object.getPrototypeOf(db) as FakeDatabase)._validate;

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
    validateValue(validator, value) {
      // `_validate` is convex-test's validator applied to a schema table's document type; here it is given one table whose type is `validator`.
      const schema = { schemaValidation: true, tables: new Map([["", { documentType: validator }]]) };
      validateWithSchema.call({ _schema: schema }, "", value as Doc);
    },
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

