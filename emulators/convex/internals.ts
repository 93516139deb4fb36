import { AsyncLocalStorage } from "node:async_hooks";

/**
 * convex-test keeps its database and transaction manager private. The local Convex needs
 * them to persist documents with their ids, restore them, and notice commits, so it
 * catches the per-instance state object the first time the instance enters its
 * AsyncLocalStorage context. Shapes below are convex-test 0.0.60's (dist/index.js);
 * the version is pinned in package.json.
 */
export interface FakeDatabase {
  _documents: Record<string, Record<string, unknown>>;
  /** Pending writes per transaction nesting level (`null` = deleted); the outermost commit applies the last level. */
  _writes: Record<string, Record<string, unknown> | null>[];
  _storage: Record<string, Blob>;
  _nextDocId: number;
  _lastCreationTime: number;
  _validate(table: string, doc: Record<string, unknown>): void;
}

export interface FakeTransactionManager {
  _lastCommitTs: bigint;
  _waitOnCurrentFunction: Promise<void> | null;
  commit(isNested: boolean): bigint | null;
  rollback(isNested: boolean): void;
  isInTransaction(): boolean;
}

export interface ConvexTestInternals {
  db: FakeDatabase;
  transactionManager: FakeTransactionManager;
  /** Runs `fn` inside the instance's context, as its own methods do. */
  enter<T>(fn: () => T): T;
  /** The instance's syscall table (what `Convex.asyncSyscall` resolves to inside its functions). */
  syscalls: { asyncSyscall: (op: string, jsonArgs: string) => Promise<string> };
}

function looksLikeConvexGlobal(
  store: unknown,
): store is { components: Record<string, { db: FakeDatabase }>; transactionManager: FakeTransactionManager } & ConvexTestInternals["syscalls"] {
  return typeof store === "object" && store !== null && "components" in store && "transactionManager" in store;
}

function internalsOf(
  als: AsyncLocalStorage<unknown>,
  store: { components: Record<string, { db: FakeDatabase }>; transactionManager: FakeTransactionManager } & ConvexTestInternals["syscalls"],
  run: (...a: unknown[]) => unknown,
): ConvexTestInternals | null {
  const root = store.components[""];
  if (!root) return null;
  return {
    db: root.db,
    transactionManager: store.transactionManager,
    enter: (fn) => run.call(als, store, fn) as ReturnType<typeof fn>,
    syscalls: store,
  };
}

/** Calls `enter` (which must make the instance run something) and returns the state it entered with. */
export async function captureInternals(enter: () => Promise<unknown>): Promise<ConvexTestInternals> {
  const proto = AsyncLocalStorage.prototype as unknown as { run: (...a: unknown[]) => unknown };
  const originalRun = proto.run;
  let found: ConvexTestInternals | null = null;
  proto.run = function (this: AsyncLocalStorage<unknown>, store: unknown, ...rest: unknown[]) {
    if (found === null && looksLikeConvexGlobal(store)) found = internalsOf(this, store, originalRun);
    return originalRun.call(this, store, ...rest);
  };
  try {
    await enter();
  } finally {
    proto.run = originalRun;
  }
  if (found === null) {
    throw new Error("Could not reach convex-test's database: is convex-test still version 0.0.60?");
  }
  return found;
}
