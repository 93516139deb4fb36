import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { JSONValue } from "convex/values";
import type { StoreView } from "./internals.ts";
import { serverLog } from "./logs.ts";
import type { Commit } from "./runtime.ts";
import { CommitLog, readCommitLog } from "./storage/commit-log.ts";
import { applyRecord, commitRecord, createdBlobs, emptySnapshot, isLogRecord, type LogRecord } from "./storage/records.ts";
import { syncFolder, writeJsonAtomic } from "../shared/json-file.ts";
import { DB_FILE, readSnapshot, writeSnapshot, type Snapshot } from "./storage/snapshot.ts";
import { ANSWERS_KEPT } from "./sync/answers.ts";

export type { Snapshot } from "./storage/snapshot.ts";

/*
 * The data folder: `db.json` (a snapshot) and `commits-<n>.jsonl` (every commit since, one JSON
 * line each). A commit is acknowledged only once its line is fsync'd, so a save costs the size
 * of the change. From time to time the logs are compacted into a new snapshot:
 *   1. later commits go to a new log n+1 (the old log ends on a whole record);
 *   2. the database as it is now, which holds everything logged so far, is written to db.json
 *      atomically, saying "logs below n+1 are in me";
 *   3. logs below n+1 are deleted.
 * A crash before 2 completes replays the old logs onto the old snapshot; a crash after it
 * ignores (and deletes) them. Records hold new values, not changes, so replaying a commit the
 * snapshot already has changes nothing.
 */

const LOG_FILE = /^commits-([0-9]+)\.jsonl$/;
/** Below this the log is never compacted; above it, once it is also larger than the last snapshot. */
const COMPACT_AT_BYTES = 8 * 1024 * 1024;

function logFile(dataDir: string, n: number): string {
  return path.join(dataDir, `commits-${n}.jsonl`);
}

function logsIn(dataDir: string): { n: number; file: string }[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .flatMap((name) => {
      const match = LOG_FILE.exec(name);
      return match ? [{ n: Number(match[1]), file: path.join(dataDir, name) }] : [];
    })
    .sort((a, b) => a.n - b.n);
}

export interface Recovered {
  /** The snapshot with every logged commit applied; null when the folder holds no data. */
  snapshot: Snapshot | null;
  /** The number for the next log file. */
  nextLog: number;
  /** Commit records replayed from the logs. */
  replayed: number;
}

/**
 * Reads what the data folder holds: db.json, then every log it does not contain, in order.
 * Temporary files of an interrupted snapshot write are removed first.
 */
export function recover(dataDir: string): Recovered {
  mkdirSync(dataDir, { recursive: true });
  for (const name of readdirSync(dataDir, { recursive: true, encoding: "utf8" })) {
    if (name.endsWith(".tmp")) rmSync(path.join(dataDir, name), { force: true });
  }
  const base = readSnapshot(dataDir);
  const logs = logsIn(dataDir);
  const unapplied = logs.filter((log) => log.n >= (base?.log ?? 0));
  let snapshot = base?.snapshot ?? null;
  let replayed = 0;
  for (const [i, { file }] of unapplied.entries()) {
    const { records, dropped } = readCommitLog(file, isLogRecord, i === unapplied.length - 1);
    if (dropped) {
      serverLog(`${file}: dropped the last record, at byte ${dropped.offset}, because ${dropped.reason}; its commit was never acknowledged (answers wait for their record to be on disk)`);
    }
    if (records.length === 0) continue;
    snapshot ??= emptySnapshot();
    for (const record of records) applyRecord(snapshot, record);
    replayed += records.length;
  }
  const nextLog = Math.max(1, base?.log ?? 1, ...logs.map((log) => log.n + 1));
  return { snapshot, nextLog, replayed };
}

interface CallState {
  /** The call is a mutation whose answer is kept with its commit. */
  remembers: boolean;
  /** Its last commit's place in the log. */
  lastSeq: number | null;
  /** Completes its commit's record with the answer, once the call has one. */
  answer: ((requests: Record<string, JSONValue> | undefined) => void) | null;
}

export interface PersistenceOptions {
  dataDir: string;
  /** The database as it is at this moment (answers are added here). */
  take: () => Promise<Snapshot>;
  /** Compact once the log is larger than this (and than the last snapshot). */
  compactAtBytes?: number;
}

/** Keeps every commit of a running backend in the data folder, and says when each is safe. */
export class Persistence {
  private readonly answers = new Map<string, JSONValue>();
  private readonly calls = new Map<number, CallState>();
  private compaction: Promise<void> = Promise.resolve();
  private compacting = false;
  private closing = false;
  /** The log size that triggers the next compaction. */
  private compactAt: number;

  private constructor(
    private readonly options: PersistenceOptions,
    private log: CommitLog,
    private logNumber: number,
    saved: Record<string, JSONValue>,
  ) {
    for (const [key, value] of Object.entries(saved)) this.keepAnswer(key, value);
    this.compactAt = options.compactAtBytes ?? COMPACT_AT_BYTES;
  }

  /**
   * Opens a fresh log after `recover` and writes a snapshot of the database as restored: a torn
   * record is gone for good, documents the schema set aside do not come back, and nothing is
   * ever appended after a torn tail.
   */
  static async start(options: PersistenceOptions, recovered: Recovered): Promise<Persistence> {
    let persistence: Persistence | null = null;
    const log = await CommitLog.open(logFile(options.dataDir, recovered.nextLog), () => persistence?.maybeCompact());
    persistence = new Persistence(options, log, recovered.nextLog, recovered.snapshot?.requests ?? {});
    await persistence.saveSnapshot(recovered.nextLog);
    return persistence;
  }

  /** Answers saved by earlier runs, by `<caller>|sessionId:requestId`. */
  savedAnswers(): Record<string, JSONValue> {
    return Object.fromEntries(this.answers);
  }

  /** Called for each top-level commit, in commit order. */
  logCommit(commit: Commit, db: StoreView): void {
    // A commit that wrote nothing only moved the clock, which follows the wall clock anyway.
    if (commit.writes.length === 0) return;
    const record = commitRecord(commit, db);
    const call = commit.callId === null ? undefined : this.calls.get(commit.callId);
    const blobs = createdBlobs(commit);
    const waitsForAnswer = call !== undefined && call.remembers && call.answer === null;
    let seq: number;
    if (!waitsForAnswer && blobs.length === 0) {
      seq = this.log.append(JSON.stringify(record));
    } else {
      const slot = this.log.reserve();
      seq = slot.seq;
      const answer = waitsForAnswer ? new Promise<Record<string, JSONValue> | undefined>((resolve) => (call.answer = resolve)) : undefined;
      void Promise.all([readBlobs(db, blobs), answer]).then(([storage, requests]) => {
        const full: LogRecord = { ...record, ...(blobs.length > 0 ? { storage } : {}), ...(requests ? { requests } : {}) };
        slot.fill(JSON.stringify(full));
      });
    }
    if (call) call.lastSeq = seq;
  }

  /** Before a mutation or action runs: its commits are tracked so its answer can wait for them. */
  startCall(callId: number, remembers: boolean): void {
    this.calls.set(callId, { remembers, lastSeq: null, answer: null });
  }

  /**
   * After a call returned: keeps its answer (if any) with its commit, and resolves once every
   * commit it made is on disk. Rejects when the log cannot be written.
   */
  async finishCall(callId: number, answer?: { key: string; value: JSONValue }): Promise<void> {
    // A commit is handed to logCommit by a setImmediate queued when it committed, before the
    // call returned; one more turn of the event loop and every commit of this call was logged.
    await new Promise((resolve) => setImmediate(resolve));
    const call = this.calls.get(callId);
    this.calls.delete(callId);
    if (!call) return;
    const requests = answer ? { [answer.key]: answer.value } : undefined;
    if (answer) this.keepAnswer(answer.key, answer.value);
    if (call.answer) call.answer(requests);
    // A failed mutation committed nothing; its answer is kept, but nobody needs to wait for it.
    else if (requests) this.log.append(JSON.stringify({ requests } satisfies LogRecord));
    if (call.lastSeq !== null) await this.log.durable(call.lastSeq);
  }

  /** Folds the log into a new db.json (see the top of this file). Never rejects: a failure is logged and nothing is lost. */
  compact(): Promise<void> {
    const run = this.compaction.then(() => this.compactNow());
    this.compaction = run;
    return run;
  }

  /** Writes what is pending, then a final snapshot, so the next start reads one file. */
  async close(): Promise<void> {
    this.closing = true;
    await this.compaction;
    try {
      await this.log.flush();
    } catch (error) {
      serverLog(`some commits could not be saved before stopping: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.log.close();
    try {
      await this.saveSnapshot(this.logNumber + 1);
    } catch (error) {
      serverLog(`could not write ${path.join(this.options.dataDir, DB_FILE)} on close (${error instanceof Error ? error.message : String(error)}); the commit logs still hold every saved commit`);
    }
  }

  private maybeCompact(): void {
    if (!this.compacting && !this.closing && this.log.size > this.compactAt) void this.compact();
  }

  private async compactNow(): Promise<void> {
    if (this.closing) return;
    this.compacting = true;
    try {
      const next = this.logNumber + 1;
      await this.log.rotate(logFile(this.options.dataDir, next));
      this.logNumber = next;
      await this.saveSnapshot(next);
    } catch (error) {
      // Not tried again at once: a full disk would fail on every write.
      this.compactAt = Math.max(this.compactAt, this.log.size * 2);
      serverLog(`could not compact the commit log into ${path.join(this.options.dataDir, DB_FILE)} (${error instanceof Error ? error.message : String(error)}); nothing is lost, the logs keep every commit`);
    } finally {
      this.compacting = false;
    }
  }

  /** db.json then, once it is on disk, the logs it contains are removed. */
  private async saveSnapshot(log: number): Promise<void> {
    const snapshot = await this.options.take();
    const bytes = writeSnapshot(this.options.dataDir, { ...snapshot, requests: this.savedAnswers() }, log);
    this.compactAt = Math.max(this.options.compactAtBytes ?? COMPACT_AT_BYTES, bytes);
    const old = logsIn(this.options.dataDir).filter((file) => file.n < log);
    for (const { file } of old) rmSync(file, { force: true });
    if (old.length > 0) syncFolder(this.options.dataDir);
  }

  private keepAnswer(key: string, value: JSONValue): void {
    this.answers.set(key, value);
    if (this.answers.size > ANSWERS_KEPT) this.answers.delete(this.answers.keys().next().value!);
  }
}

/** The blobs convex-test stored for new `_storage` documents. Never rejects, so the record is always written. */
async function readBlobs(db: StoreView, ids: string[]): Promise<Snapshot["storage"]> {
  const storage: Snapshot["storage"] = {};
  for (const id of ids) {
    // convex-test stores the blob just after the commit that creates its document.
    for (let turn = 0; db.storage[id] === undefined && turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
    const blob = db.storage[id];
    if (!blob) {
      serverLog(`file storage: the blob for ${id} was not found when its commit was saved; it will be missing after a restart`);
      continue;
    }
    try {
      storage[id] = { type: blob.type, base64: Buffer.from(await blob.arrayBuffer()).toString("base64") };
    } catch (error) {
      serverLog(`file storage: could not read the blob for ${id} (${error instanceof Error ? error.message : String(error)}); it will be missing after a restart`);
    }
  }
  return storage;
}

/** `--reset`: the stored documents go; set-aside documents in `rejected/` stay. */
export function resetData(dataDir: string): void {
  rmSync(path.join(dataDir, DB_FILE), { force: true });
  for (const { file } of logsIn(dataDir)) rmSync(file, { force: true });
}

/** Documents the current schema rejects are kept here rather than dropped silently. */
export function saveRejected(dataDir: string, rejected: Record<string, JSONValue>): string {
  const file = path.join(dataDir, "rejected", `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeJsonAtomic(file, rejected);
  return file;
}
