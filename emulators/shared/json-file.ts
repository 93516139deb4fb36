import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A JSON file's value (boxed: a file holding `null` is not a missing file); null when there is no
 * such file. Anything else unreadable is an error naming the file and `whatToDo`, never an empty
 * value that would overwrite the data.
 */
export function readJsonFile(file: string, whatToDo: string): { value: unknown } | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}). ${whatToDo}.`, { cause: error });
  }
}

export interface AtomicWriteOptions {
  /** Permissions of a newly created file; 0600 by default, as these files hold users and keys. */
  mode?: number;
}

/**
 * Writes a file so that a crash, a power loss or a concurrent reader never sees half of it: the
 * content goes to a temporary file in the same folder, flushed to disk before the rename (otherwise
 * the file system may commit the rename first, and a power loss then leaves an empty or partial
 * file under the real name); the folder is flushed after it so the rename itself is durable. When a
 * step fails (a full disk, a folder in the way) the old file stays as it was and the temporary one
 * goes. Returns the bytes written.
 */
export function writeFileAtomic(file: string, text: string, options: AtomicWriteOptions = {}): number {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const fd = openSync(tmp, "w", options.mode ?? 0o600);
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

/** `writeFileAtomic` of `value` as JSON: compact, or indented for files a person reads. */
export function writeJsonAtomic(file: string, value: unknown, options: AtomicWriteOptions & { pretty?: boolean } = {}): number {
  const text = options.pretty ? JSON.stringify(value, null, 2) + "\n" : JSON.stringify(value);
  return writeFileAtomic(file, text, options);
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
