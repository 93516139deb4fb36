import { readFileSync } from "node:fs";
import path from "node:path";
import { resolveAdminKey } from "./admin-key.ts";
import type { LogSink } from "./logs.ts";

export interface ConvexOptions {
  /** The app's convex/ folder (any convex folder). */
  convexDir: string;
  /** Default 3210; 0 = any free port. */
  port?: number;
  /** HTTP actions (the "site" origin). Default 3211; 0 = any free port. */
  sitePort?: number;
  /** Default ".local/convex"; null = in memory only. */
  dataDir?: string | null;
  /** Convex environment variables for functions and auth.config.ts (win over envFile). */
  env?: Record<string, string>;
  /** A dotenv-style file of Convex environment variables. */
  envFile?: string;
  /** Default: a random key kept in `<dataDir>/admin-key` (new per process when in memory), printed at start. */
  adminKey?: string;
  /** Default true: edits in the convex folder take effect on the next call. */
  watch?: boolean;
  /** One line per event; default prints to stdout; false = silent. */
  log?: LogSink;
  /** The routine lines: the terminal copy of what functions print (`console.log` in a function) and each push's progress; default `log`. */
  routineLog?: LogSink;
  /** Extension: queries and mutations running longer are stopped and rolled back. Default 10 000. */
  functionTimeoutMs?: number;
  /** Extension: actions running longer get a timeout error. Default 600 000 (the backend's 10 minutes). */
  actionTimeoutMs?: number;
  /** Extension: bind address. Default 127.0.0.1. */
  host?: string;
  /** Extension: delete the stored documents before starting (the CLI's --reset). */
  reset?: boolean;
  /**
   * Extension: issuer origins to map in `auth.config.ts`, e.g. `{ "https://api.workos.com": "http://localhost:4100" }`,
   * so a config that hard-codes a hosted issuer accepts a local one's tokens (see auth/issuer-map.ts).
   */
  issuerMap?: Record<string, string>;
}

export interface ResolvedOptions {
  convexDir: string;
  port: number;
  sitePort: number;
  host: string;
  dataDir: string | null;
  env: Record<string, string>;
  adminKey: string;
  watch: boolean;
  log: LogSink;
  routineLog: LogSink;
  functionTimeoutMs: number;
  actionTimeoutMs: number;
  issuerMap: Record<string, string>;
}

export function resolveOptions(o: ConvexOptions): ResolvedOptions {
  if (!o.convexDir) throw new Error("startConvex: convexDir is required (the folder holding schema.ts and your functions)");
  const fileEnv = o.envFile ? parseEnvFile(o.envFile) : {};
  const dataDir = o.dataDir === null ? null : path.resolve(o.dataDir ?? ".local/convex");
  const log: LogSink = o.log === undefined ? (line) => process.stdout.write(`[convex] ${line}\n`) : o.log;
  return {
    convexDir: path.resolve(o.convexDir),
    port: o.port ?? 3210,
    sitePort: o.sitePort ?? 3211,
    host: o.host ?? "127.0.0.1",
    dataDir,
    env: { ...fileEnv, ...(o.env ?? {}) },
    adminKey: resolveAdminKey(o.adminKey, dataDir),
    watch: o.watch ?? true,
    log,
    routineLog: o.routineLog === undefined ? log : o.routineLog,
    functionTimeoutMs: o.functionTimeoutMs ?? 10_000,
    actionTimeoutMs: o.actionTimeoutMs ?? 600_000,
    issuerMap: o.issuerMap ?? {},
  };
}

/** KEY=VALUE lines; `#` comments; optional `export `; single or double quotes. */
export function parseEnvFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`Could not read the env file ${file}: ${(error as Error).message}`);
  }
  const env: Record<string, string> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new Error(`${file}:${i + 1}: expected KEY=VALUE, got "${line}"`);
    let value = match[2]!;
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    env[match[1]!] = value;
  }
  return env;
}
