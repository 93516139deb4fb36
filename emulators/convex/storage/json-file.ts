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
