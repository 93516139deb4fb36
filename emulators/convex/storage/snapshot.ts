import path from "node:path";
import type { JSONValue } from "convex/values";
import { readJsonFile, writeJsonAtomic } from "../../shared/json-file.ts";

/** Everything needed to bring the database back with the same ids and timestamps. */
export interface Snapshot {
  format: 1;
  nextDocId: number;
  lastCreationTime: number;
  /** Decimal string: the last commit timestamp in nanoseconds. */
  lastCommitTs: string;
  /** Documents by id, each as `convexToJson` of the stored document. */
  documents: Record<string, JSONValue>;
  /** File storage blobs by storage id. */
  storage: Record<string, { type: string; base64: string }>;
  /** Answers to client mutations by `<caller>|sessionId:requestId`, so a re-sent mutation is not run again after a restart. */
  requests?: Record<string, JSONValue>;
}

/**
 * `db.json` on disk. Format 2 is format 1 plus `log`: the number of the first commit log whose
 * records are not in the snapshot. An older build that only knows format 1 refuses the file
 * instead of silently ignoring the commits kept in the logs.
 */
type SnapshotFile = (Omit<Snapshot, "format"> & { format: 2; log: number }) | Snapshot;

export const DB_FILE = "db.json";

/**
 * Reads `<dataDir>/db.json` and the first log it does not contain; null when there is none yet.
 * A corrupt file is an error, not an empty database.
 */
export function readSnapshot(dataDir: string): { snapshot: Snapshot; log: number } | null {
  const file = path.join(dataDir, DB_FILE);
  const read = readJsonFile(file, "Move it away, or start with --reset to begin with an empty database");
  if (read === null) return null;
  const parsed = read.value as SnapshotFile | null;
  if (parsed?.format === 1) return { snapshot: parsed, log: 0 };
  if (parsed?.format === 2 && Number.isSafeInteger(parsed.log)) {
    const { log, ...rest } = parsed;
    return { snapshot: { ...rest, format: 1 }, log };
  }
  throw new Error(`${file} has format ${String(parsed?.format)}; this local Convex reads formats 1 and 2. Move it away or run with --reset.`);
}

/**
 * Writes `db.json` as format 2, saying that commit logs numbered below `log` are contained in it.
 * Through a temporary file and a rename, so a crash leaves the old or the new file, never a torn one.
 */
export function writeSnapshot(dataDir: string, snapshot: Snapshot, log: number): number {
  const file: SnapshotFile = { ...snapshot, format: 2, log };
  return writeJsonAtomic(path.join(dataDir, DB_FILE), file);
}
