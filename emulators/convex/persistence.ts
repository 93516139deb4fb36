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

const DB_FILE = "db.json";

/** Reads `<dataDir>/db.json`; null when there is none yet. A corrupt file is an error, not an empty database. */
export function readSnapshot(dataDir: string): Snapshot | null {
  const file = path.join(dataDir, DB_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let parsed: Snapshot;
  try {
    parsed = JSON.parse(text) as Snapshot;
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}). Move it away, or start with --reset to begin with an empty database.`,
      { cause: error },
    );
  }
  if (parsed?.format !== 1) {
    throw new Error(`${file} has format ${String(parsed?.format)}; this local Convex reads format 1. Move it away or run with --reset.`);
  }
  return parsed;
}

/**
 * Writes through a temporary file and a rename, so a crash or power loss leaves either the old
 * or the new file, never a torn one (see writeJsonAtomic).
 */
export function writeSnapshot(dataDir: string, snapshot: Snapshot): void {
  writeJsonAtomic(path.join(dataDir, DB_FILE), snapshot);
}

/**
 * The temporary file is flushed to disk before the rename: otherwise the file system may commit
 * the rename first, and a power loss then leaves an empty or partial file under the real name.
 * The folder is flushed after it so the rename itself is durable.
 */
export function writeJsonAtomic(file: string, value: unknown): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, "w");
    try {
      writeFileSync(fd, JSON.stringify(value));
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
}

/** Flushes a folder's entries. Some platforms (Windows) cannot open a folder for this; there the rename is as durable as the OS makes it. */
function syncFolder(dir: string): void {
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

export function resetData(dataDir: string): void {
  rmSync(path.join(dataDir, DB_FILE), { force: true });
}

/** Documents the current schema rejects are kept here rather than dropped silently. */
export function saveRejected(dataDir: string, rejected: Record<string, JSONValue>): string {
  const file = path.join(dataDir, "rejected", `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeJsonAtomic(file, rejected);
  return file;
}
