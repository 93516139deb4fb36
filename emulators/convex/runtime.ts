import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import { convexTest } from "convex-test";
import { convexToJson, jsonToConvex, type JSONValue } from "convex/values";
import type { SchemaDefinition, GenericSchema } from "convex/server";
import { captureInternals, type ConvexTestInternals } from "./internals.ts";
import type { ModuleLoaders } from "./modules.ts";
import type { Snapshot } from "./persistence.ts";
import { refuseForeignCursors } from "./validation/cursor.ts";

/** The parts of a convex-test instance the server drives (its published types cover less). */
export interface TestAccessor {
  fun(path: { udfPath: string; componentPath: string }, args: Record<string, unknown>): Promise<unknown>;
  queryFromPath(path: { udfPath: string; componentPath: string }, args: Record<string, unknown>): Promise<unknown>;
  mutationFromPath(path: { udfPath: string; componentPath: string }, args: Record<string, unknown>): Promise<unknown>;
  actionFromPath(path: { udfPath: string; componentPath: string }, args: Record<string, unknown>): Promise<unknown>;
  run<T>(fn: (ctx: { db: unknown }) => Promise<T>): Promise<T>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  withIdentity(identity: Record<string, unknown>): TestAccessor;
}

/** One document a commit changed: its value before and after (`null` = absent), as stored (Convex values). */
export interface Write {
  id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** A top-level commit: its timestamp, what it wrote, and the call that made it (see runAsCall). */
export interface Commit {
  ts: bigint;
  writes: Write[];
  callId: number | null;
}

export interface Rejection {
  id: string;
  table: string;
  reason: string;
}

/** Call ids let a timed-out call's late commit be refused instead of landing in someone else's transaction. */
const callStorage = new AsyncLocalStorage<number>();
let nextCallId = 1;

export function runAsCall<T>(fn: (callId: number) => Promise<T>): Promise<T> {
  const id = nextCallId++;
  return callStorage.run(id, () => fn(id));
}

/**
 * One convex-test instance (database + function runner) for one schema. A schema edit
 * builds a new Runtime and moves the documents over; ids and timestamps survive.
 */
export class Runtime {
  private commitListeners: ((commit: Commit) => void)[] = [];
  private owner: number | null = null;
  private aborted = new Set<number>();
  private disposed = false;
  /** Queries and mutations started on this instance and not finished (bounded by their time limit). */
  private running = new Set<Promise<unknown>>();

  private constructor(
    readonly t: TestAccessor,
    readonly internals: ConvexTestInternals,
  ) {
    const tm = internals.transactionManager as unknown as {
      begin(isNested: boolean, limits: unknown): Promise<void>;
      commit(isNested: boolean): bigint | null;
      rollback(isNested: boolean): void;
    };
    const begin = tm.begin.bind(tm);
    const commit = tm.commit.bind(tm);
    const rollback = tm.rollback.bind(tm);
    // Listeners run outside the committing function's context (its logs, its call id).
    const dispatch = AsyncResource.bind((commit: Commit) => {
      for (const listener of this.commitListeners) listener(commit);
    });
    tm.begin = async (isNested, limits) => {
      await begin(isNested, limits);
      if (!isNested) this.owner = callStorage.getStore() ?? null;
    };
    tm.commit = (isNested) => {
      if (this.isAbortedCall()) throw new Error("This function was stopped after its time limit; its writes are discarded.");
      const db = internals.db;
      // Only the outermost commit applies writes; its pending level is the last one left.
      const pending = !isNested && db._writes.length === 1 ? Object.keys(db._writes[0]!) : [];
      const before = pending.map((id) => db._documents[id] ?? null);
      const ts = commit(isNested);
      if (ts !== null && !this.disposed) {
        const writes = pending.map((id, i) => ({ id, before: before[i]!, after: db._documents[id] ?? null }));
        setImmediate(dispatch, { ts, writes, callId: callStorage.getStore() ?? null });
      }
      return ts;
    };
    tm.rollback = (isNested) => {
      if (this.isAbortedCall()) return;
      rollback(isNested);
    };
    // convex-test's database calls resolve as microtasks, so a function looping on them would
    // starve the event loop (and its own time limit). Each call first yields to the event loop,
    // and a call made after the function's time limit fails, which ends the loop.
    const asyncSyscall = internals.syscalls.asyncSyscall;
    internals.syscalls.asyncSyscall = async (op, jsonArgs) => {
      if (this.isAbortedCall()) throw new Error("Function execution timed out: this function was stopped after its time limit");
      await new Promise((resolve) => setImmediate(resolve));
      refuseForeignCursors(op, jsonArgs);
      return await asyncSyscall(op, jsonArgs);
    };
  }

  static async create(
    schema: SchemaDefinition<GenericSchema, boolean> | undefined,
    loaders: ModuleLoaders,
  ): Promise<Runtime> {
    const t = (schema ? convexTest(schema, loaders) : convexTest(undefined, loaders)) as unknown as TestAccessor;
    const internals = await captureInternals(() => t.run(async () => null));
    return new Runtime(t, internals);
  }

  lastCommitTs(): bigint {
    return this.internals.transactionManager._lastCommitTs;
  }

  onCommit(listener: (commit: Commit) => void): void {
    this.commitListeners.push(listener);
  }

  /**
   * Gives up on a query or mutation that ran past its time limit: if it still holds the
   * database lock its transaction is rolled back so other calls can proceed.
   */
  abortCall(callId: number): void {
    this.aborted.add(callId);
    const { transactionManager: tm, ...internals } = this.internals;
    if (this.owner === callId && tm.isInTransaction()) {
      this.owner = null;
      const rollback = Object.getPrototypeOf(tm).rollback as (this: unknown, isNested: boolean) => void;
      internals.enter(() => rollback.call(tm, false));
    }
  }

  private isAbortedCall(): boolean {
    const id = callStorage.getStore();
    return id !== undefined && this.aborted.has(id);
  }

  /** Counts a query or mutation as running on this instance until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => {});
    return work;
  }

  /** Waits until no tracked call or transaction is running, so a copy of the documents is complete. */
  async quiesce(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    const tm = this.internals.transactionManager;
    while (tm._waitOnCurrentFunction !== null) await tm._waitOnCurrentFunction;
  }

  async snapshot(): Promise<Snapshot> {
    const { db } = this.internals;
    const documents: Record<string, JSONValue> = {};
    for (const [id, doc] of Object.entries(db._documents)) documents[id] = convexToJson(doc as never);
    const storage: Snapshot["storage"] = {};
    for (const [id, blob] of Object.entries(db._storage)) {
      storage[id] = { type: blob.type, base64: Buffer.from(await blob.arrayBuffer()).toString("base64") };
    }
    return {
      format: 1,
      nextDocId: db._nextDocId,
      lastCreationTime: db._lastCreationTime,
      lastCommitTs: this.lastCommitTs().toString(),
      documents,
      storage,
    };
  }

  /** Loads documents, keeping ids; returns the documents the current schema rejects (not loaded). */
  restore(snapshot: Snapshot): Rejection[] {
    const { db, transactionManager } = this.internals;
    const rejected: Rejection[] = [];
    const documents: Record<string, Record<string, unknown>> = {};
    for (const [id, json] of Object.entries(snapshot.documents)) {
      const doc = jsonToConvex(json) as Record<string, unknown>;
      const table = id.replace(/^[0-9]+/, "");
      if (!table.startsWith("_")) {
        const fields = Object.fromEntries(Object.entries(doc).filter(([key]) => key !== "_id" && key !== "_creationTime"));
        try {
          db._validate(table, fields);
        } catch (error) {
          rejected.push({ id, table, reason: error instanceof Error ? error.message : String(error) });
          continue;
        }
      }
      documents[id] = doc;
    }
    db._documents = documents;
    db._storage = Object.fromEntries(
      Object.entries(snapshot.storage).map(([id, f]) => [id, new Blob([Buffer.from(f.base64, "base64")], { type: f.type })]),
    );
    db._nextDocId = Math.max(db._nextDocId, snapshot.nextDocId);
    db._lastCreationTime = Math.max(db._lastCreationTime, snapshot.lastCreationTime);
    const ts = BigInt(snapshot.lastCommitTs);
    if (ts > transactionManager._lastCommitTs) transactionManager._lastCommitTs = ts;
    return rejected;
  }

  /** Stops this instance from affecting anything: its pending scheduler timers find no jobs. */
  dispose(): void {
    this.disposed = true;
    this.internals.db._documents = {};
    this.commitListeners = [];
  }
}
