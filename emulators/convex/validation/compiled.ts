import type { ValidatorJSON } from "convex/values";

/** Whether a value passes a validator; compiled once per validator, run on every call. */
export type FastCheck = (value: unknown) => boolean;

/**
 * Compiles a validator (as `exportReturns()` describes it) into a check that accepts a value only
 * when convex-test's own validation (`validateValidator`, convex-test 0.0.60) would: the same
 * rules (a missing field is `undefined`, an extra field fails even when `undefined`, ids are
 * checked by their table suffix, `record` is not checked), without building an error per union
 * member that does not match. Where a rule is not mirrored exactly it answers false, and the
 * caller asks convex-test itself, which then decides and words the error: a false answer is
 * never a verdict.
 */
export function compileCheck(validator: ValidatorJSON): FastCheck {
  switch (validator.type) {
    // convex-test has no case for records: it accepts any value there too.
    case "any":
    case "record":
      return () => true;
    case "null":
      return (value) => value === null;
    case "number":
      return (value) => typeof value === "number";
    case "bigint":
      return (value) => typeof value === "bigint";
    // convex-test also accepts its pending commit-timestamp placeholder; that case is left to it.
    case "commitTs":
      return (value) => typeof value === "bigint";
    case "boolean":
      return (value) => typeof value === "boolean";
    case "string":
      return (value) => typeof value === "string";
    case "bytes":
      return (value) => value instanceof ArrayBuffer;
    case "literal": {
      const literal = validator.value;
      return (value) => value === literal;
    }
    case "id": {
      const table = validator.tableName;
      return (value) => typeof value === "string" && tableOfId(value) === table;
    }
    case "array": {
      const element = compileCheck(validator.value);
      return (value) => {
        if (!Array.isArray(value)) return false;
        for (const item of value) if (!element(item)) return false;
        return true;
      };
    }
    case "union": {
      const members = validator.value.map(compileCheck);
      return (value) => {
        for (const member of members) if (member(value)) return true;
        return false;
      };
    }
    case "object": {
      const fields = Object.entries(validator.value).map(([name, { fieldType, optional }]) => ({ name, optional: optional === true, check: compileCheck(fieldType) }));
      const known = new Set(fields.map((f) => f.name));
      return (value) => {
        if (!isPlainObject(value)) return false;
        const object = value as Record<string, unknown>;
        for (const field of fields) {
          const fieldValue = object[field.name];
          if (fieldValue === undefined ? !field.optional : !field.check(fieldValue)) return false;
        }
        for (const key of Object.keys(object)) if (!known.has(key)) return false;
        return true;
      };
    }
  }
}

/** convex-test's ids: digits, then the table name; the table is the rest (null without one). */
function tableOfId(id: string): string | null {
  let i = 0;
  while (i < id.length && id.charCodeAt(i) >= 48 && id.charCodeAt(i) <= 57) i++;
  return i === 0 || i === id.length ? null : id.slice(i);
}

/** convex-test's `isSimpleObject`, except that anything it would fail on (null) is simply not one. */
function isPlainObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return prototype === null || prototype === Object.prototype || prototype.constructor?.name === "Object";
}
