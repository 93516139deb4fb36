import { AsyncLocalStorage } from "node:async_hooks";
import type { JSONValue } from "convex/values";
import type { RangeType } from "../internals.ts";

/**
 * convex-test 0.0.60's private shapes that internals.ts relies on (dist/index.js), and the check
 * that names any an upgrade broke. Only internals.ts and its parts import this.
 */

export type Doc = Record<string, unknown>;
/** `_writes`: pending writes per transaction nesting level (`null` = deleted); the outermost commit applies the last level left. */
export type WriteLevel = Record<string, Doc | null>;

/** What a query's source names (`_resolveQuerySource`'s `query.source`). */
export type QuerySource =
  | { type: "FullTableScan"; tableName: string }
  | { type: "IndexRange"; indexName: string; range: { type: RangeType; fieldPath: string; value: JSONValue }[] }
  | { type: "Search"; indexName: string };

export interface FakeDatabase {
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

export interface FakeTransactionManager {
  _lastCommitTs: bigint;
  _waitOnCurrentFunction: Promise<void> | null;
  begin(isNested: boolean, limits: unknown): Promise<void>;
  commit(isNested: boolean): bigint | null;
  rollback(isNested: boolean): void;
  isInTransaction(): boolean;
}

export interface ConvexGlobal {
  components: Record<string, { db: FakeDatabase }>;
  transactionManager: FakeTransactionManager;
  asyncSyscall(op: string, jsonArgs: string): Promise<string>;
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

