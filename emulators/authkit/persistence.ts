import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * Writes a file so that a crash or a concurrent reader never sees half of it: the content goes to a
 * temporary file in the same folder, then replaces the old file in one rename. When either step
 * fails (a full disk, a folder in the way) the old file stays as it was and the temporary one goes.
 */
export function writeFileAtomic(file: string, content: string, mode = 0o600): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temp, content, { mode });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** The parsed JSON file, or undefined when it does not exist; a corrupt file is an error naming it. */
export function readJsonFile<T>(file: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}). Delete it (or start with --reset) to start over from the seed.`,
      { cause: error },
    );
  }
}
