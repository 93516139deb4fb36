import path from "node:path";
import { readJsonFile, writeJsonAtomic } from "../../shared/json-file.ts";

const ENV_FILE = "env.json";

/** Convex's documented limits (docs.convex.dev/production/environment-variables). */
const MAX_VARIABLES = 512;
const MAX_TOTAL_BYTES = 512 * 1024;
const MAX_NAME_LENGTH = 256;
const MAX_VALUE_BYTES = 8 * 1024;
const NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export interface EnvChange {
  name: string;
  /** null removes the variable. */
  value: string | null;
}

/** A change the store refuses, with the reason in Convex's terms; nothing of the batch is applied. */
export class EnvError extends Error {}

interface StoredEnv {
  format: 1;
  variables: Record<string, string>;
  /** Names removed with `env remove`: an `--env` flag for one of them does not bring it back on the next start. */
  removed: string[];
}

/**
 * The deployment's environment variables, as `npx convex env` sees them. Kept in
 * `<dataDir>/env.json` (in memory without a data folder). The `--env`/`--env-file` values are
 * initial values: they fill in names the store has never held, so `env set` and `env remove`
 * survive a restart with the same flags, as they would on a deployment.
 */
export class EnvStore {
  private listeners: ((changed: string[]) => void)[] = [];

  private constructor(
    private readonly file: string | null,
    private variables: Map<string, string>,
    private removed: Set<string>,
  ) {}

  static open(dataDir: string | null, initial: Record<string, string>): EnvStore {
    const file = dataDir === null ? null : path.join(dataDir, ENV_FILE);
    const stored = file === null ? null : readStored(file);
    const variables = new Map(Object.entries(stored?.variables ?? {}));
    const removed = new Set(stored?.removed ?? []);
    for (const [name, value] of Object.entries(initial)) {
      if (!variables.has(name) && !removed.has(name)) variables.set(name, value);
    }
    const store = new EnvStore(file, variables, removed);
    store.save();
    return store;
  }

  list(): { name: string; value: string }[] {
    return [...this.variables].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, value]) => ({ name, value }));
  }

  get(name: string): string | undefined {
    return this.variables.get(name);
  }

  toRecord(): Record<string, string> {
    return Object.fromEntries(this.variables);
  }

  /** Applies a batch of changes all together, or none of them when one is invalid. */
  update(changes: EnvChange[]): void {
    const next = new Map(this.variables);
    for (const { name, value } of changes) {
      checkName(name);
      if (value === null) {
        next.delete(name);
        continue;
      }
      if (Buffer.byteLength(value) > MAX_VALUE_BYTES) {
        throw new EnvError(`Environment variable ${name} is too large: values are limited to ${MAX_VALUE_BYTES / 1024} KiB`);
      }
      next.set(name, value);
    }
    if (next.size > MAX_VARIABLES) throw new EnvError(`Too many environment variables: a deployment holds at most ${MAX_VARIABLES}`);
    const total = [...next].reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value), 0);
    if (total > MAX_TOTAL_BYTES) throw new EnvError(`Environment variables are too large in total: names and values are limited to ${MAX_TOTAL_BYTES / 1024} KiB`);
    const changed = changes.filter(({ name, value }) => this.variables.get(name) !== (value ?? undefined)).map((c) => c.name);
    for (const { name, value } of changes) {
      if (value === null) this.removed.add(name);
      else this.removed.delete(name);
    }
    this.variables = next;
    this.save();
    if (changed.length > 0) for (const listener of this.listeners) listener(changed);
  }

  /** Called after a change with the names whose value changed. */
  onChange(listener: (changed: string[]) => void): void {
    this.listeners.push(listener);
  }

  private save(): void {
    if (this.file === null) return;
    const stored: StoredEnv = { format: 1, variables: this.toRecord(), removed: [...this.removed] };
    writeJsonAtomic(this.file, stored);
  }
}

function checkName(name: string): void {
  if (typeof name !== "string" || !NAME_PATTERN.test(name)) {
    throw new EnvError(`Invalid environment variable name "${String(name)}": names must start with a letter and contain only letters, numbers and underscores`);
  }
  if (name.length > MAX_NAME_LENGTH) throw new EnvError(`Environment variable name ${name.slice(0, 40)}… is too long: names are limited to ${MAX_NAME_LENGTH} characters`);
}

function readStored(file: string): StoredEnv | null {
  const read = readJsonFile(file, "Fix it, or delete it to start again from --env/--env-file");
  if (read === null) return null;
  const parsed = read.value as StoredEnv | null;
  if (parsed?.format !== 1 || typeof parsed.variables !== "object" || parsed.variables === null) {
    throw new Error(`${file} is not an environment variable file this local Convex reads (format 1): delete it to start again from --env/--env-file`);
  }
  return { format: 1, variables: parsed.variables, removed: Array.isArray(parsed.removed) ? parsed.removed : [] };
}
