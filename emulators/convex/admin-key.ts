import { randomBytes } from "node:crypto";
import path from "node:path";
import { keyFile } from "../shared/key-file.ts";

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
  return keyFile(path.join(dataDir, ADMIN_KEY_FILE), newKey, {
    validate: (key) => (key ? null : "is empty"),
    whatToDo: "delete it to get a new admin key",
  });
}
