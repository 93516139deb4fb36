import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import { convexTest } from "convex-test";
import { convexToJson, jsonToConvex, type JSONValue } from "convex/values";
import type { SchemaDefinition, GenericSchema } from "convex/server";
import { captureInternals, tableOf, type ConvexTestInternals, type StoreView } from "./internals.ts";
import type { ModuleLoaders } from "./modules.ts";
import type { Snapshot } from "./persistence.ts";
import { ReadSet } from "./reads.ts";
import { refuseForeignCursors } from "./validation/cursor.ts";
import { withCompiledQueryReturns } from "./validation/returns.ts";

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
  /** The document's table, found once per commit rather than by every socket that checks it. */
  table: string;
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

/** How long functions' database calls may keep the event loop from other work; see wrapAsyncSyscalls below. */
const YIELD_AFTER_MS = 4;
/** When a database call last let the event loop run (process-wide: there is one event loop). */
let lastYield = performance.now();

/** The read set a query run records into, for the function calls started inside `readInto`. */
const readStorage = new AsyncLocalStorage<ReadSet>();

/**
 * Recent commits kept for sessions to catch up from (see `commitsAfter`). A session further
 * behind re-runs all its queries, so this bounds memory, not correctness.
 */
const COMMIT_LOG_LIMIT = 1_000;

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
  /** Accessors by identity object (see `as`). */
  private accessors = new WeakMap<object, TestAccessor>();
  /** Commits in timestamp order, after `logFloor`: what happened since a given timestamp. */
  private log: Commit[] = [];
  private logFloor: bigint;

  private constructor(
    readonly t: TestAccessor,
    private readonly internals: ConvexTestInternals,
  ) {
    this.logFloor = internals.lastCommitTs;
    // Listeners run outside the committing function's context (its logs, its call id).
    const dispatch = AsyncResource.bind((commit: Commit) => {
      for (const listener of this.commitListeners) listener(commit);
    });
    internals.hookTransactions({
      afterBegin: (isNested) => {
        if (isNested) return;
        this.owner = callStorage.getStore() ?? null;
        // Under the database lock: nothing commits until this transaction ends, so this is what it reads.
        const reads = readStorage.getStore();
        if (reads && reads.snapshotTs === null) reads.snapshotTs = internals.lastCommitTs;
      },
      commit: (isNested, commit) => {
        if (this.isAbortedCall()) throw new Error("This function was stopped after its time limit; its writes are discarded.");
        const pending = isNested ? [] : internals.pendingTopLevelWrites();
        const before = pending.map((id) => internals.documents[id] ?? null);
        const ts = commit();
        if (ts !== null && !this.disposed) {
          const writes = pending.map((id, i) => ({ id, table: tableOf(id), before: before[i]!, after: internals.documents[id] ?? null }));
          const entry: Commit = { ts, writes, callId: callStorage.getStore() ?? null };
          this.record(entry);
          setImmediate(dispatch, entry);
        }
        return ts;
      },
      rollback: (_isNested, rollback) => {
        if (this.isAbortedCall()) return;
        rollback();
      },
    });
    internals.onRead((read) => readStorage.getStore()?.add(read));
    // convex-test's database calls resolve as microtasks, so a function looping on them would
    // starve the event loop (and its own time limit). A call yields to the event loop once the
    // loop has waited YIELD_AFTER_MS (yielding on every call made each query wait behind every
    // socket's traffic several times), and a call made after the function's time limit fails,
    // which ends the loop.
    internals.wrapAsyncSyscalls(async (op, jsonArgs, next) => {
      if (this.isAbortedCall()) throw new Error("Function execution timed out: this function was stopped after its time limit");
      if (performance.now() - lastYield >= YIELD_AFTER_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      refuseForeignCursors(op, jsonArgs);
      return await next(op, jsonArgs);
    });
  }

  static async create(
    schema: SchemaDefinition<GenericSchema, boolean> | undefined,
    loaders: ModuleLoaders,
  ): Promise<Runtime> {
    let internals: ConvexTestInternals | null = null;
    // Modules are loaded only when functions run, by which time the internals are captured.
    const served = withCompiledQueryReturns(loaders, (validator, value) => internals!.validateValue(validator, value));
    const t = (schema ? convexTest(schema, served) : convexTest(undefined, served)) as unknown as TestAccessor;
    internals = await captureInternals(() => t.run(async () => null));
    return new Runtime(t, internals);
  }

  lastCommitTs(): bigint {
    return this.internals.lastCommitTs;
  }

  /**
   * What calls made as `identity` (null: none) run through, built once per identity object: a
   * socket's identity stays the same object until it authenticates again, and convex-test builds
   * a whole accessor, a signed test token included, for each `withIdentity`.
   */
  as(identity: Record<string, unknown> | null): TestAccessor {
    if (identity === null) return this.t;
    let accessor = this.accessors.get(identity);
    if (accessor === undefined) this.accessors.set(identity, (accessor = this.t.withIdentity({ ...identity })));
    return accessor;
  }

  /** The id counter, creation clock and blobs, read live (persistence saves them with each commit). */
  get store(): StoreView {
    return this.internals;
  }

  /** The committed documents by id (Convex values), not to be modified. */
  documents(): Readonly<Record<string, Record<string, unknown>>> {
    return this.internals.documents;
  }

  /** A read set for `readInto`, comparing index ranges as this instance's database does. */
  newReadSet(): ReadSet {
    return new ReadSet((doc, range) => this.internals.inRange(doc, range));
  }

  /** Runs `fn`, recording what the function calls it starts read (and the commit they read at) into `reads`. */
  readInto<T>(reads: ReadSet, fn: () => Promise<T>): Promise<T> {
    return readStorage.run(reads, fn);
  }

  /**
   * The commits after `ts`, oldest first, up to `lastCommitTs()`; null when they are no longer
   * all known (older than the log keeps, or from before this instance held the documents).
   */
  commitsAfter(ts: bigint): Commit[] | null {
    if (ts < this.logFloor) return null;
    let i = this.log.length;
    while (i > 0 && this.log[i - 1]!.ts > ts) i--;
    return this.log.slice(i);
  }

  private record(commit: Commit): void {
    this.log.push(commit);
    if (this.log.length > COMMIT_LOG_LIMIT) {
      const dropped = this.log.splice(0, this.log.length - COMMIT_LOG_LIMIT);
      this.logFloor = dropped.at(-1)!.ts;
    }
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
    if (this.owner === callId && this.internals.isInTransaction()) {
      this.owner = null;
      this.internals.forceRollback();
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
    for (let current = this.internals.currentTransaction(); current !== null; current = this.internals.currentTransaction()) await current;
  }

  async snapshot(): Promise<Snapshot> {
    const db = this.internals;
    const documents: Record<string, JSONValue> = {};
    for (const [id, doc] of Object.entries(db.documents)) documents[id] = convexToJson(doc as never);
    const storage: Snapshot["storage"] = {};
    for (const [id, blob] of Object.entries(db.storage)) {
      storage[id] = { type: blob.type, base64: Buffer.from(await blob.arrayBuffer()).toString("base64") };
    }
    return {
      format: 1,
      nextDocId: db.nextDocId,
      lastCreationTime: db.lastCreationTime,
      lastCommitTs: this.lastCommitTs().toString(),
      documents,
      storage,
    };
  }

  /** Loads documents, keeping ids; returns the documents the current schema rejects (not loaded). */
  restore(snapshot: Snapshot): Rejection[] {
    const db = this.internals;
    const rejected: Rejection[] = [];
    const documents: Record<string, Record<string, unknown>> = {};
    for (const [id, json] of Object.entries(snapshot.documents)) {
      const doc = jsonToConvex(json) as Record<string, unknown>;
      const table = tableOf(id);
      if (!table.startsWith("_")) {
        const fields = Object.fromEntries(Object.entries(doc).filter(([key]) => key !== "_id" && key !== "_creationTime"));
        try {
          db.validate(table, fields);
        } catch (error) {
          rejected.push({ id, table, reason: error instanceof Error ? error.message : String(error) });
          continue;
        }
      }
      documents[id] = doc;
    }
    db.replaceDocuments(documents);
    db.replaceStorage(
      Object.fromEntries(Object.entries(snapshot.storage).map(([id, f]) => [id, new Blob([Buffer.from(f.base64, "base64")], { type: f.type })])),
    );
    db.raiseCounters(snapshot.nextDocId, snapshot.lastCreationTime);
    db.raiseLastCommitTs(BigInt(snapshot.lastCommitTs));
    // The documents were replaced without commits: no session can catch up across this.
    this.log = [];
    this.logFloor = db.lastCommitTs;
    return rejected;
  }

  /** Stops this instance from affecting anything: its pending scheduler timers find no jobs. */
  dispose(): void {
    this.disposed = true;
    this.internals.replaceDocuments({});
    this.commitListeners = [];
  }
}
