import { convexToJson, type JSONValue, type Value } from "convex/values";
import type { StoreView } from "../internals.ts";
import type { Commit } from "../runtime.ts";
import type { Snapshot } from "./snapshot.ts";

/**
 * One line of the commit log. A commit's record holds each written document's new value (or
 * null for a deletion), so replaying a record that the snapshot already contains changes
 * nothing: recovery may replay a little too much, never too little.
 */
export interface LogRecord {
  /** The commit timestamp (decimal nanoseconds); absent on a record that only keeps answers. */
  ts?: string;
  /** Documents by id as `convexToJson` values; null = deleted. */
  writes?: Record<string, JSONValue | null>;
  nextDocId?: number;
  lastCreationTime?: number;
  /** File storage blobs written by this commit. */
  storage?: Snapshot["storage"];
  /** Mutation answers by `sessionId:requestId`, in the same record as the mutation's commit. */
  requests?: Record<string, JSONValue>;
}

export function isLogRecord(value: unknown): value is LogRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  const isObject = (v: unknown) => v === undefined || (typeof v === "object" && v !== null && !Array.isArray(v));
  const isNumber = (v: unknown) => v === undefined || typeof v === "number";
  return (r.ts === undefined || (typeof r.ts === "string" && /^[0-9]+$/.test(r.ts))) && isObject(r.writes) && isObject(r.storage) && isObject(r.requests) && isNumber(r.nextDocId) && isNumber(r.lastCreationTime);
}

export function emptySnapshot(): Snapshot {
  return { format: 1, nextDocId: 0, lastCreationTime: 0, lastCommitTs: "0", documents: {}, storage: {}, requests: {} };
}

/**
 * What a commit must keep. The counters are read when the record is made, a little after the
 * commit: they only grow, and restoring a larger one just skips a few ids.
 */
export function commitRecord(commit: Commit, db: StoreView): LogRecord {
  const writes: Record<string, JSONValue | null> = {};
  for (const write of commit.writes) writes[write.id] = write.after === null ? null : convexToJson(write.after as Value);
  return { ts: commit.ts.toString(), writes, nextDocId: db.nextDocId, lastCreationTime: db.lastCreationTime };
}

/** Storage ids whose blob this commit created (convex-test keeps blobs apart from their `_storage` document). */
export function createdBlobs(commit: Commit): string[] {
  return commit.writes.filter((w) => w.before === null && w.after !== null && w.id.endsWith("_storage")).map((w) => w.id);
}

export function applyRecord(state: Snapshot, record: LogRecord): void {
  for (const [id, doc] of Object.entries(record.writes ?? {})) {
    if (doc === null) delete state.documents[id];
    else state.documents[id] = doc;
  }
  if (record.nextDocId !== undefined) state.nextDocId = Math.max(state.nextDocId, record.nextDocId);
  if (record.lastCreationTime !== undefined) state.lastCreationTime = Math.max(state.lastCreationTime, record.lastCreationTime);
  if (record.ts !== undefined && BigInt(record.ts) > BigInt(state.lastCommitTs)) state.lastCommitTs = record.ts;
  Object.assign(state.storage, record.storage);
  if (record.requests) state.requests = Object.assign(state.requests ?? {}, record.requests);
}
