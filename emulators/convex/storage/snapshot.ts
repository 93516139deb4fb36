import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { JSONValue } from "convex/values";

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
  /** Answers to client mutations by `sessionId:requestId`, so a re-sent mutation is not run again after a restart. */
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
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let parsed: SnapshotFile;
  try {
    parsed = JSON.parse(text) as SnapshotFile;
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}). Move it away, or start with --reset to begin with an empty database.`,
      { cause: error },
    );
  }
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

/**
 * The temporary file is flushed to disk before the rename: otherwise the file system may commit
 * the rename first, and a power loss then leaves an empty or partial file under the real name.
 * The folder is flushed after it so the rename itself is durable. Returns the bytes written.
 */
export function writeJsonAtomic(file: string, value: unknown): number {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const text = JSON.stringify(value);
  try {
    const fd = openSync(tmp, "w");
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    // A full disk must not leave temporary files behind on top of the failure.
    rmSync(tmp, { force: true });
    throw error;
  }
  syncFolder(dir);
  return Buffer.byteLength(text);
}

/** Makes a folder's entries (a rename, a new or removed file) as durable as the OS makes it. */
export function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EINVAL" && code !== "EPERM") throw error;
  } finally {
    closeSync(fd);
  }
}
