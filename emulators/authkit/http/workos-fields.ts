import type { Fields } from "./body.ts";
import { HttpError, invalidField } from "./errors.ts";

/**
 * Typed body fields of the WorkOS REST API, each refused with a 422 `invalid_request_parameters`
 * naming the field when it has the wrong type (WorkOS's answer to a body its schema refuses), so
 * nothing a request sends reaches the store unchecked.
 */

/** A string field; `undefined` when absent. `null` is refused unless `nullable`. */
export function stringField(fields: Fields, name: string, o: { required?: boolean; nonEmpty?: boolean; max?: number } = {}): string | undefined {
  const value = fields[name];
  if (value === undefined) {
    if (o.required) throw invalidField(name, `\`${name}\` is required.`, "required");
    return undefined;
  }
  if (typeof value !== "string") throw invalidField(name, `\`${name}\` must be a string.`);
  if ((o.required || o.nonEmpty) && value.trim() === "") throw invalidField(name, `\`${name}\` must not be empty.`);
  if (o.max !== undefined && value.length > o.max) throw invalidField(name, `\`${name}\` must be at most ${o.max} characters.`);
  return value;
}

/** A string or null (null clears it); `undefined` when absent. */
export function nullableStringField(fields: Fields, name: string, o: { max?: number } = {}): string | null | undefined {
  if (fields[name] === null) return null;
  return stringField(fields, name, o);
}

export function booleanField(fields: Fields, name: string): boolean | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw invalidField(name, `\`${name}\` must be true or false.`);
  return value;
}

/** An array of strings (e.g. `role_slugs`); `undefined` when absent. */
export function stringArrayField(fields: Fields, name: string): string[] | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) throw invalidField(name, `\`${name}\` must be an array of strings.`);
  return value as string[];
}

/** `external_id`: null or up to 128 ASCII characters (WorkOS's schema). */
export function externalIdField(fields: Fields): string | null | undefined {
  const value = nullableStringField(fields, "external_id", { max: 128 });
  if (typeof value === "string" && [...value].some((ch) => ch.charCodeAt(0) > 0x7f)) throw invalidField("external_id", "`external_id` must be ASCII characters only.");
  return value === "" ? null : value;
}

export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 600 } as const;

/**
 * `metadata`: at most 50 string values, keys up to 40 characters, values up to 600 (WorkOS's
 * limits). WorkOS documents a breach as 400 `invalid_metadata`, so that is the answer here too
 * (not a 422). On an update (`current` given) the keys sent are merged into the current metadata
 * and a key sent as null is removed, as the Node SDK's `updateUser` types it
 * (`Record<string, string | null>`); the limits apply to the result. `metadata: null` clears it.
 * `undefined` when absent.
 */
export function metadataField(fields: Fields, current?: Record<string, string>): Record<string, string> | undefined {
  const value = fields.metadata;
  if (value === undefined) return undefined;
  if (value === null) return {};
  const invalid = (why: string) => new HttpError(400, "invalid_metadata", `Invalid metadata: ${why}`);
  if (typeof value !== "object" || Array.isArray(value)) throw invalid("`metadata` must be an object of string values.");
  const result: Record<string, string> = { ...(current ?? {}) };
  for (const [key, item] of Object.entries(value)) {
    if (key.length === 0 || key.length > METADATA_LIMITS.keyLength) throw invalid(`key "${key.slice(0, 60)}" must be 1 to ${METADATA_LIMITS.keyLength} characters.`);
    if (item === null && current) {
      delete result[key];
      continue;
    }
    if (typeof item !== "string") throw invalid(`the value of "${key}" must be a string.`);
    if (item.length > METADATA_LIMITS.valueLength) throw invalid(`the value of "${key}" must be at most ${METADATA_LIMITS.valueLength} characters.`);
    result[key] = item;
  }
  const count = Object.keys(result).length;
  if (count > METADATA_LIMITS.keys) throw invalid(`at most ${METADATA_LIMITS.keys} keys, got ${count}.`);
  return result;
}

/** The fields a request may send; any other is a 422 naming it (a typo would otherwise be silently ignored). */
export function onlyFields(fields: Fields, allowed: readonly string[]): void {
  const unknown = Object.keys(fields).find((name) => !allowed.includes(name));
  if (unknown !== undefined) throw invalidField(unknown, `\`${unknown}\` is not a field of this request (expected ${allowed.join(", ")}).`, "unknown");
}
