import { convexToJson, type Value } from "convex/values";

/** Field names already checked against `convexToJson`'s rules (they repeat across a page's documents). */
const plainKeys = new Set<string>();
const PLAIN_KEYS_MAX = 10_000;

/**
 * `JSON.stringify(convexToJson(value))`, written in one pass for the values query results are
 * made of (plain objects, arrays, strings, finite numbers, booleans, null), without building the
 * intermediate JSON tree: a subscribed page is serialized on every re-run. Anything else (int64,
 * bytes, special floats, a field name `convexToJson` would refuse or order differently, a value
 * that is no Convex value) goes through `convexToJson` itself, so the text, and any error, are
 * its own.
 */
export function convexJsonText(value: Value): string {
  const text = plainText(value);
  return text ?? JSON.stringify(convexToJson(value));
}

function plainText(value: unknown): string | null {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0) ? String(value) : null;
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          const item = plainText(value[i]);
          if (item === null) return null;
          out += i === 0 ? item : "," + item;
        }
        return out + "]";
      }
      const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
      if (!(prototype === null || prototype === Object.prototype || prototype.constructor?.name === "Object")) return null;
      const object = value as Record<string, unknown>;
      // `convexToJson` orders fields by `<`, as `sort()` does.
      const keys = Object.keys(object).sort();
      let out = "{";
      let first = true;
      for (const key of keys) {
        const field = object[key];
        if (field === undefined) continue;
        if (!isPlainKey(key)) return null;
        const item = plainText(field);
        if (item === null) return null;
        out += (first ? "" : ",") + JSON.stringify(key) + ":" + item;
        first = false;
      }
      return out + "}";
    }
    default:
      return null;
  }
}

/** A field name `convexToJson` accepts and JSON keeps in insertion order (an index-like name would move first). */
function isPlainKey(key: string): boolean {
  if (plainKeys.has(key)) return true;
  if (key.length === 0 || key.length > 1024 || key.startsWith("$")) return false;
  const first = key.charCodeAt(0);
  if (first >= 48 && first <= 57) return false;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code < 32 || code >= 127) return false;
  }
  if (plainKeys.size < PLAIN_KEYS_MAX) plainKeys.add(key);
  return true;
}
