import { convexToJson, type JSONValue, type Value } from "convex/values";
import { HttpError } from "./io.ts";

/**
 * The HTTP API's `format` parameter, as the backend reads it: `json` (clean JSON: int64 as a
 * decimal string, bytes as base64, NaN/±Infinity as strings) or `convex_encoded_json` (the
 * clients' `{"$integer": …}` encoding). Anything else is refused rather than ignored.
 */
export type ValueFormat = "clean" | "encoded";

export function parseFormat(format: unknown, fallback: ValueFormat): ValueFormat {
  if (format === undefined || format === null) return fallback;
  if (format === "json" || format === "convex_clean_json") return "clean";
  if (format === "convex_encoded_json" || format === "convex_json") return "encoded";
  throw new HttpError(400, "BadFormat", `format param must be one of [\`json\`]. Got ${String(format)}`);
}

export function exportValue(value: Value, format: ValueFormat): JSONValue {
  return format === "encoded" ? convexToJson(value) : clean(value);
}

function clean(value: Value): JSONValue {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
    return value;
  }
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(clean);
  const out: Record<string, JSONValue> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = clean(field);
  return out;
}
