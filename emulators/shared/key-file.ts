import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface KeyFileOptions {
  /** The problem with the file's (trimmed) text, e.g. "is empty", or null when it is a good key. */
  validate: (text: string) => string | null;
  /** Said after the problem; the default tells to delete the file. */
  whatToDo?: string;
}

function readBack(file: string, { validate, whatToDo = "delete it to get a new one" }: KeyFileOptions): string {
  const text = readFileSync(file, "utf8").trim();
  const problem = validate(text);
  if (problem !== null) throw new Error(`${file} ${problem}: ${whatToDo}`);
  return text;
}

/** Creates the file with mode 0600 unless it exists; "wx" so that two servers starting on one folder cannot each write their own key. */
function createOnce(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${text.trim()}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

/**
 * A secret kept in a file of its own, readable by its owner only: created once with `create()`,
 * then read back and checked on this and every later start, so whoever lost a race to create it
 * uses the winner's key. A bad file is an error naming it and what to do, never silently replaced.
 */
export function keyFile(file: string, create: () => string, options: KeyFileOptions): string {
  createOnce(file, create());
  return readBack(file, options);
}

/** `keyFile` for a key that is slow to make (an RSA key pair): made only when the file is missing. */
export async function keyFileAsync(file: string, create: () => Promise<string>, options: KeyFileOptions): Promise<string> {
  try {
    return readBack(file, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  createOnce(file, await create());
  return readBack(file, options);
}
