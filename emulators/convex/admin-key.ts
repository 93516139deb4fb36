import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const ADMIN_KEY_FILE = "admin-key";

function newKey(): string {
  return `local-convex|${randomBytes(32).toString("hex")}`;
}

/**
 * The admin key: the one given, else the one kept in `<dataDir>/admin-key` (made on first start),
 * else a new one for this process. Never a fixed key: the HTTP API answers any origin, as Convex
 * does, so a key every copy shares would let any web page the developer opens run internal
 * functions and act as any user — the reason Convex's own local deployments stopped sharing one.
 */
export function resolveAdminKey(given: string | undefined, dataDir: string | null): string {
  if (given !== undefined) {
    if (!given.trim()) throw new Error("adminKey is empty: pass a key, or leave it out to use the one kept in the data folder");
    return given;
  }
  if (dataDir === null) return newKey();
  const file = path.join(dataDir, ADMIN_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx": two servers starting on one folder cannot each write their own key.
    writeFileSync(file, `${newKey()}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const key = readFileSync(file, "utf8").trim();
  if (!key) throw new Error(`${file} is empty: delete it to get a new admin key`);
  return key;
}
