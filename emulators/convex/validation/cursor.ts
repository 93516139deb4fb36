import { jsonToConvex, type JSONValue } from "convex/values";

/**
 * The backend's answer to a cursor it cannot decrypt (one it did not issue): `paginate()`
 * throws this inside the function. convex-test would instead fail on `JSON.parse` with a
 * message about JSON, so cursors are checked before its `queryPage` syscall runs.
 */
export const CURSOR_PARSE_ERROR = "Failed to parse cursor";

/** Throws Convex's error when a `1.0/queryPage` syscall carries a cursor convex-test did not issue. */
export function refuseForeignCursors(op: string, jsonArgs: string): void {
  if (op !== "1.0/queryPage") return;
  const { cursor, endCursor } = JSON.parse(jsonArgs) as { cursor?: unknown; endCursor?: unknown };
  if (!isIssuedCursor(cursor) || !isIssuedCursor(endCursor)) throw new Error(CURSOR_PARSE_ERROR);
}

/**
 * convex-test's cursors (0.0.60): `_end_cursor`, or a JSON array with one entry per sort
 * key, each `null` (an absent field) or a string holding the key's Convex JSON.
 */
function isIssuedCursor(cursor: unknown): boolean {
  if (cursor === null || cursor === undefined || cursor === "_end_cursor") return true;
  if (typeof cursor !== "string") return false;
  try {
    const keys: unknown = JSON.parse(cursor);
    if (!Array.isArray(keys) || keys.length === 0) return false;
    for (const key of keys) {
      if (key === null) continue;
      if (typeof key !== "string") return false;
      jsonToConvex(JSON.parse(key) as JSONValue);
    }
    return true;
  } catch {
    return false;
  }
}
