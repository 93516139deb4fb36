import path from "node:path";
import type { GenericSchema, SchemaDefinition, UserIdentity } from "convex/server";
import { type JSONValue, type Value } from "convex/values";
import { CronScheduler } from "./crons.ts";
import { describeError, notFoundMessage, parseUdfPath, udfTypeOf, wrongTypeMessage, type RegisteredFunction, type UdfType } from "./functions.ts";
import { checkArgsSize, guardResultSizes } from "./limits.ts";
import { serverLog, withFunctionLogs } from "./logs.ts";
import { ConvexModules, type ModuleSource } from "./modules.ts";
import { Persistence, recover, saveRejected, type Snapshot } from "./persistence.ts";
import type { ReadSet } from "./reads.ts";
import { runAsCall, Runtime, type Commit, type Rejection, type TestAccessor } from "./runtime.ts";
import { rearmScheduledJobs } from "./scheduler.ts";
import { argumentValidationError } from "./validation/args.ts";

export interface BackendOptions {
  convexDir: string;
  dataDir: string | null;
  watch: boolean;
  /** Queries and mutations running longer are stopped and rolled back. */
  functionTimeoutMs: number;
  actionTimeoutMs: number;
}

export interface CallRequest {
  udfPath: string;
  args: Record<string, unknown>;
  /** The type the caller asked for (`/api/query`, a sync `Mutation`); undefined = any. */
  expect?: UdfType;
  identity: UserIdentity | null;
  /** Admin callers (`npx convex run`, crons, the scheduler) may call internal functions. */
  internalAllowed: boolean;
  /** A component's path; only the root app ("" or undefined) is served. */
  componentPath?: string;
  /** The args to run with once the function is known, when they depend on it (pagination journals depend on its validator). */
  argsFor?: (fn: RegisteredFunction) => Record<string, unknown>;
  /**
   * A mutation's answer to keep under `key` (a sync `<caller>|sessionId:requestId`), saved in the same
   * record as its commit, so a mutation re-sent after a crash is answered rather than run again.
   */
  answer?: { key: string; of: (result: CallResult) => JSONValue };
  /** Record what the function read (subscriptions re-run only when a commit touches it). */
  trackReads?: boolean;
}

export type CallResult =
  | { ok: true; value: Value; logLines: string[]; udfType: UdfType; ts: bigint; reads?: ReadSet }
  | { ok: false; errorMessage: string; errorData?: JSONValue; logLines: string[]; reads?: ReadSet; timedOut?: boolean };

/**
 * Something changed that may change query results: a commit (with what it wrote), or anything
 * else (new code, a database restart), after which every query must run again.
 */
export type Change = { kind: "commit"; commit: Commit } | { kind: "all" };
export type ChangeListener = (change: Change) => void;

/** One finished function run, for `npx convex logs`. */
export interface Execution {
  udfType: "Query" | "Mutation" | "Action" | "HttpAction";
  /** `dir/mod:fn`, or the HTTP action's method and path. */
  identifier: string;
  logLines: string[];
  /** Milliseconds since the epoch. */
  startedAt: number;
  durationMs: number;
  error: string | null;
}

/** `_system/...` functions (the CLI's), answered by the deployment layer rather than the user's modules. */
export type SystemFunctions = (udfPath: string, args: Record<string, unknown>) => Promise<{ ok: true; value: Value } | { ok: false; errorMessage: string }>;

/**
 * The database and function runner behind every surface (sync, HTTP API, HTTP actions):
 * one convex-test runtime at a time, rebuilt when the schema changes, persisted to dataDir.
 */
export class Backend {
  private runtime!: Runtime;
  private listeners: ChangeListener[] = [];
  private rebuilding: Promise<void> = Promise.resolve();
  /** The data folder's commit log; null with `--in-memory`. */
  private persistence: Persistence | null = null;
  private readonly crons: CronScheduler;
  private executionListeners: ((execution: Execution) => void)[] = [];
  private system: SystemFunctions | null = null;

  /** The code being served: the convex folder, until a push replaces it. */
  private current: ModuleSource;

  private constructor(
    private readonly disk: ConvexModules,
    private readonly options: BackendOptions,
  ) {
    this.current = disk;
    this.crons = new CronScheduler(async (udfPath, args, cronName) => {
      const result = await this.call({ udfPath, args, identity: null, internalAllowed: true });
      if (!result.ok) serverLog(`cron "${cronName}" (${udfPath}) failed: ${result.errorMessage}`);
    });
  }

  static async open(options: BackendOptions): Promise<Backend> {
    const modules = await ConvexModules.open(options.convexDir, options.watch);
    const backend = new Backend(modules, options);
    const runtime = await Runtime.create(await schemaOf(modules), modules.loaders());
    const recovered = options.dataDir === null ? null : recover(options.dataDir);
    const snapshot = recovered?.snapshot;
    if (snapshot) {
      backend.reportRejected(runtime.restore(snapshot), snapshot.documents);
      serverLog(`restored ${Object.keys(snapshot.documents).length} document(s) from ${options.dataDir} (${recovered.replayed} commit(s) replayed from the log)`);
    }
    backend.install(runtime);
    if (options.dataDir !== null && recovered) {
      backend.persistence = await Persistence.start({ dataDir: options.dataDir, take: () => backend.runtime.snapshot() }, recovered);
    }
    await rearmScheduledJobs(runtime, (job) => backend.runScheduledJob(job));
    await backend.reloadCrons();
    if (options.watch) modules.onChange((kind, file) => backend.onFileChange(kind, file));
    return backend;
  }

  get modules(): ModuleSource {
    return this.current;
  }

  /** The documents that would not fit `next`'s schema; none means it can be deployed. The served code does not change. */
  async checkSchema(next: ModuleSource): Promise<Rejection[]> {
    await this.rebuilding;
    const candidate = await Runtime.create(await schemaOf(next), next.loaders());
    try {
      return candidate.restore(await this.runtime.snapshot());
    } finally {
      candidate.dispose();
    }
  }

  /**
   * Switches to pushed code at once: calls wait while the documents move to a database built
   * for its schema. Refused (returning the documents that do not fit, nothing changed) when
   * documents written since the check no longer fit, as Convex refuses such a push.
   */
  deploy(next: ModuleSource): Promise<Rejection[]> {
    const step = this.rebuilding.then(async () => {
      const candidate = await Runtime.create(await schemaOf(next), next.loaders());
      const { swapped, rejected } = await this.swapRuntime(next, candidate, (rejected) => rejected.length === 0);
      if (!swapped) return rejected;
      serverLog("serving the pushed code");
      this.notify();
      return [];
    });
    this.rebuilding = step.then(
      () => undefined,
      (error: unknown) => serverLog(`the push could not be applied; the previous code keeps serving: ${error instanceof Error ? error.message : String(error)}`),
    );
    return step;
  }

  lastCommitTs(): bigint {
    return this.runtime.lastCommitTs();
  }

  /** Bumped by every change that is not a commit: results from before it may all be stale. */
  generation = 0;

  /** The commits after `ts` (up to `lastCommitTs()`), or null when not all are known. */
  commitsAfter(ts: bigint): Commit[] | null {
    return this.runtime.commitsAfter(ts);
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Called after every function run with its log lines and outcome. */
  onExecution(listener: (execution: Execution) => void): void {
    this.executionListeners.push(listener);
  }

  /** Who answers admin calls to `_system/...` paths (the CLI's system functions). */
  serveSystemFunctions(system: SystemFunctions): void {
    this.system = system;
  }

  /** The committed documents by id, as stored (Convex values); read-only. */
  documents(): Readonly<Record<string, Readonly<Record<string, unknown>>>> {
    return this.runtime.documents();
  }

  /** Runs `fn` against the current database instance once no schema restart is in progress. */
  async withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
    await this.rebuilding;
    return await fn(this.runtime);
  }

  /** Runs a write that is no function (`npx convex import`) like a mutation call: it settles once its commits are on disk. */
  async write<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
    await this.rebuilding;
    const runtime = this.runtime;
    const durable = this.persistence;
    let id = 0;
    try {
      return await runAsCall((callId) => {
        id = callId;
        durable?.startCall(callId, false);
        return runtime.track(fn(runtime));
      });
    } finally {
      await durable?.finishCall(id);
    }
  }

  /** Mutation answers saved by earlier runs on this data folder, by `<caller>|sessionId:requestId`. */
  savedAnswers(): Record<string, JSONValue> {
    return this.persistence?.savedAnswers() ?? {};
  }

  /** Runs a Convex function the way the backend would answer any client. */
  async call(req: CallRequest): Promise<CallResult> {
    await this.rebuilding;
    if (req.componentPath) {
      return { ok: false, errorMessage: `Components are not supported by the local Convex (componentPath "${req.componentPath}")`, logLines: [] };
    }
    const { modulePath, exportName, canonical } = parseUdfPath(req.udfPath);
    if (req.internalAllowed && modulePath.startsWith("_system/") && this.system) {
      const answer = await this.system(canonical, req.args);
      return answer.ok ? { ok: true, value: answer.value, logLines: [], udfType: "query", ts: this.runtime.lastCommitTs() } : { ...answer, logLines: [] };
    }
    let fn: RegisteredFunction | undefined;
    try {
      const mod = await this.modules.loadEntry(modulePath);
      if (mod) guardResultSizes(mod, modulePath);
      fn = mod?.[exportName] as RegisteredFunction | undefined;
    } catch (error) {
      serverLog(`could not load convex/${modulePath}: ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false, errorMessage: `Failed to load module "${modulePath}": ${error instanceof Error ? error.message : String(error)}`, logLines: [] };
    }
    const type = fn ? udfTypeOf(fn) : null;
    if (!fn || !type || (!req.internalAllowed && !fn.isPublic)) {
      return { ok: false, errorMessage: notFoundMessage(canonical, req.internalAllowed), logLines: [] };
    }
    if (req.expect && req.expect !== type) {
      return { ok: false, errorMessage: wrongTypeMessage(canonical, req.expect, type), logLines: [] };
    }
    try {
      checkArgsSize(canonical, req.args as Record<string, Value>);
    } catch (error) {
      return { ok: false, ...describeError(error), logLines: [] };
    }
    const args = req.argsFor ? req.argsFor(fn) : req.args;
    const invalidArgs = argumentValidationError(fn, args);
    if (invalidArgs !== null) return { ok: false, errorMessage: invalidArgs, logLines: [] };
    const runtime = this.runtime;
    const reads = req.trackReads && type === "query" ? runtime.newReadSet() : undefined;
    const accessor: TestAccessor = runtime.as(req.identity);
    const path = { udfPath: canonical, componentPath: "" };
    const timeoutMs = type === "action" ? this.options.actionTimeoutMs : this.options.functionTimeoutMs;
    const label = `[${type[0]!.toUpperCase()} ${canonical}]`;
    const durable = type === "query" ? null : this.persistence;
    const call = { id: 0 };
    const startedAt = Date.now();
    const { lines, outcome } = await withFunctionLogs(label, () =>
      runAsCall((callId) => {
        call.id = callId;
        durable?.startCall(callId, type === "mutation" && req.answer !== undefined);
        const run = () => accessor[`${type}FromPath`](path, args);
        const work = withTimeout(reads ? runtime.readInto(reads, run) : run(), timeoutMs, () => {
          serverLog(`${label} stopped after ${timeoutMs} ms (function timeout)`);
          if (type !== "action") runtime.abortCall(callId);
        });
        // A schema restart waits for running queries and mutations (never longer than their time limit).
        return type === "action" ? work : runtime.track(work);
      }),
    );
    let result: CallResult;
    if (outcome.ok) {
      result = { ok: true, value: (outcome.value ?? null) as Value, logLines: lines, udfType: type, ts: runtime.lastCommitTs(), ...(reads ? { reads } : {}) };
    } else {
      const described = describeError(outcome.error);
      serverLog(`${label} failed: ${described.errorMessage}`);
      result = { ...described, ok: false, logLines: lines, ...(reads ? { reads } : {}), ...(outcome.error instanceof FunctionTimeout ? { timedOut: true } : {}) };
    }
    this.emitExecution({
      udfType: ({ query: "Query", mutation: "Mutation", action: "Action" } as const)[type],
      identifier: canonical,
      logLines: lines,
      startedAt,
      durationMs: Date.now() - startedAt,
      error: result.ok ? null : result.errorMessage,
    });
    if (!durable) return result;
    // The answer goes out only once what the call committed is on disk.
    try {
      await durable.finishCall(call.id, req.answer && { key: req.answer.key, value: req.answer.of(result) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      serverLog(`${label} committed, but its commit could not be saved: ${message}`);
      return { ok: false, errorMessage: `The commit could not be saved to disk: ${message}`, logLines: lines };
    }
    return result;
  }

  /** Runs an HTTP action from `convex/http.ts`. */
  async fetchHttp(pathAndQuery: string, init: RequestInit, identity: UserIdentity | null): Promise<Response> {
    await this.rebuilding;
    if (!this.modules.has("http")) {
      return new Response(`No HttpAction routed for ${pathAndQuery.split("?")[0]}: there is no convex/http.ts`, { status: 404 });
    }
    const accessor = this.runtime.as(identity);
    const durable = this.persistence;
    const call = { id: 0 };
    // HTTP actions have no log lines to return; their console output goes to the server log and `npx convex logs`.
    const startedAt = Date.now();
    const { lines, outcome } = await withFunctionLogs(`[HTTP ${init.method ?? "GET"} ${pathAndQuery}]`, () =>
      runAsCall((callId) => {
        call.id = callId;
        durable?.startCall(callId, false);
        return accessor.fetch(pathAndQuery, init);
      }),
    );
    // A webhook sender stops retrying on a 2xx, so the response waits for the action's commits.
    try {
      await durable?.finishCall(call.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      serverLog(`[HTTP ${pathAndQuery}] committed, but its commits could not be saved: ${message}`);
      return new Response(`The commit could not be saved to disk: ${message}`, { status: 500 });
    }
    const done = { udfType: "HttpAction", identifier: `${init.method ?? "GET"} ${pathAndQuery.split("?")[0]}`, logLines: lines, startedAt, durationMs: Date.now() - startedAt } as const;
    if (outcome.ok) {
      this.emitExecution({ ...done, error: null });
      return outcome.value;
    }
    const described = describeError(outcome.error);
    this.emitExecution({ ...done, error: described.errorMessage });
    serverLog(`[HTTP ${pathAndQuery}] failed: ${described.errorMessage}`);
    return new Response(described.errorMessage, { status: 500 });
  }

  async close(): Promise<void> {
    this.crons.stop();
    // Let running queries and mutations commit so the last save has them, but do not hang on one.
    await Promise.race([this.runtime.quiesce(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    await this.persistence?.close();
    this.runtime.dispose();
    if (this.current !== this.disk) await this.current.close();
    await this.disk.close();
  }

  private install(runtime: Runtime): void {
    this.runtime = runtime;
    this.generation++;
    runtime.onCommit((commit) => {
      this.persistence?.logCommit(commit, runtime.store);
      this.emit({ kind: "commit", commit });
    });
  }

  /** Something outside the database changed what functions compute (environment variables): every query runs again. */
  invalidate(): void {
    this.notify();
  }

  private emitExecution(execution: Execution): void {
    for (const listener of this.executionListeners) listener(execution);
  }

  /** Anything but a commit changed (code, the database): every query must run again. */
  private notify(): void {
    this.generation++;
    this.emit({ kind: "all" });
  }

  private emit(change: Change): void {
    for (const listener of this.listeners) listener(change);
  }


  /**
   * Names the documents a schema rejects and moves them to `<dataDir>/rejected/`. Throws when
   * they cannot be saved there, so the caller keeps them in the database instead of losing them.
   */
  private reportRejected(rejected: Rejection[], documents: Record<string, JSONValue>): void {
    if (rejected.length === 0) return;
    for (const r of rejected) serverLog(`schema: document ${r.id} in "${r.table}" no longer fits the schema: ${r.reason}`);
    if (this.options.dataDir === null) {
      serverLog(`schema: ${rejected.length} document(s) that do not fit were dropped (in memory, there is no folder to set them aside in)`);
      return;
    }
    let file: string;
    try {
      file = saveRejected(this.options.dataDir, Object.fromEntries(rejected.map((r) => [r.id, documents[r.id]!])));
    } catch (error) {
      throw new Error(
        `the ${rejected.length} document(s) that do not fit could not be saved to ${path.join(this.options.dataDir, "rejected")} (${error instanceof Error ? error.message : String(error)}); make that a writable folder, or change the schema so they fit`,
      );
    }
    serverLog(`schema: ${rejected.length} document(s) that do not fit were moved out of the database to ${file}`);
  }

  private onFileChange(kind: "schema" | "files" | "code", file: string): void {
    if (this.current !== this.disk) {
      serverLog(`${file} changed; not reloaded: the server runs the code pushed by the CLI until it restarts`);
      return;
    }
    serverLog(`${file} changed`);
    if (kind === "code") {
      if (/(^|\/)crons\.[mc]?[jt]s$/.test(file)) void this.reloadCrons();
      this.notify();
      return;
    }
    void this.rebuild(kind === "schema" ? "the schema changed" : "files were added or removed");
  }

  /**
   * Builds a fresh runtime (new schema or module list) and moves every document that still fits.
   * Every call waits for `rebuilding`, so the chain must always resolve: a failed restart is
   * logged, the server keeps serving, and the next edit or reload tries again.
   */
  rebuild(reason: string): Promise<void> {
    const step = this.rebuilding.then(() => this.rebuildNow(reason)).catch((error: unknown) => {
      serverLog(`the database restart (${reason}) failed partway: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}. The server keeps serving; save a file in convex/ to try again.`);
    });
    this.rebuilding = step;
    return step;
  }

  private async rebuildNow(reason: string): Promise<void> {
    if (this.current !== this.disk) return;
    let next: Runtime;
    try {
      next = await Runtime.create(await schemaOf(this.disk), this.disk.loaders());
    } catch (error) {
      serverLog(`could not restart the database (${reason}); keeping the previous one: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const { swapped } = await this.swapRuntime(this.disk, next, (rejected, snapshot) => {
      try {
        this.reportRejected(rejected, snapshot.documents);
        return true;
      } catch (error) {
        // The documents that do not fit exist only in the previous database now; switching would lose them.
        serverLog(`could not restart the database (${reason}); keeping the previous one and its schema, so no document is lost: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      }
    });
    if (!swapped) return;
    serverLog(`database restarted because ${reason}`);
    // A fresh snapshot without the set-aside documents, so a crash cannot bring them back.
    await this.persistence?.compact();
    this.notify();
  }

  /**
   * Moves every document to `next` (built for new code or a new schema) and serves it with
   * `source`, if `accept` takes the documents `next`'s schema rejects; otherwise `next` is
   * disposed and nothing changes. The order keeps the last commits: calls and transactions on
   * the current runtime finish first, then its last commits' dispatch (a setImmediate) reaches
   * the log and the sessions before its listeners are dropped, and only then is it copied.
   * Scheduled jobs and crons are re-armed on the new runtime; the caller tells the sessions.
   */
  private async swapRuntime(
    source: ModuleSource,
    next: Runtime,
    accept: (rejected: Rejection[], snapshot: Snapshot) => boolean,
  ): Promise<{ swapped: boolean; rejected: Rejection[] }> {
    const previous = this.runtime;
    await previous.quiesce();
    await new Promise((resolve) => setImmediate(resolve));
    const snapshot = await previous.snapshot();
    const rejected = next.restore(snapshot);
    if (!accept(rejected, snapshot)) {
      next.dispose();
      return { swapped: false, rejected };
    }
    previous.dispose();
    this.current = source;
    this.install(next);
    await rearmScheduledJobs(next, (job) => this.runScheduledJob(job));
    await this.reloadCrons();
    return { swapped: true, rejected };
  }

  private async reloadCrons(): Promise<void> {
    try {
      this.crons.load(await this.modules.loadOptional("crons"));
    } catch (error) {
      serverLog(`could not load convex/crons.ts: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async runScheduledJob(job: { name: string; args: Record<string, unknown> }): Promise<boolean> {
    const result = await this.call({ udfPath: job.name, args: job.args, identity: null, internalAllowed: true });
    return result.ok;
  }
}

/** A call stopped at its time limit: its outcome says nothing about the data it read. */
class FunctionTimeout extends Error {}

async function schemaOf(modules: ModuleSource): Promise<SchemaDefinition<GenericSchema, boolean> | undefined> {
  const mod = await modules.loadOptional("schema");
  return mod?.default as SchemaDefinition<GenericSchema, boolean> | undefined;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new FunctionTimeout(`Function execution timed out (maximum duration: ${ms / 1000}s)`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
