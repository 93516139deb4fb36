import { jsonToConvex, type ValidatorJSON } from "convex/values";
import type { RegisteredFunction } from "../functions.ts";
import { byteOrder, displayLiteral, displayObject, displayObjectValidator, displayValidator, displayValue, presentKeys } from "./display.ts";

/**
 * Checks a call's args against its function's validator before convex-test runs it, so a
 * mismatch is refused with the backend's `ArgumentValidationError` text instead of
 * convex-test's own wording. Same rules as the backend's check: fields in byte order, the
 * first mismatch wins, a union reports itself rather than its members.
 *
 * Returns the error message the client should receive, or null when the args fit.
 */
export function argumentValidationError(fn: RegisteredFunction, args: Record<string, unknown>): string | null {
  const validator = argsValidator(fn);
  if (validator === null) return null;
  const mismatch = check(validator, args);
  if (mismatch === null) return null;
  const context = mismatch.path.length === 0 ? "" : `Path: ${mismatch.path.join("")}`;
  return `ArgumentValidationError: ${mismatch.describe(context)}`;
}

type ObjectFields = Extract<ValidatorJSON, { type: "object" }>["value"];

function argsValidator(fn: RegisteredFunction): Extract<ValidatorJSON, { type: "object" }> | null {
  const json = fn.exportArgs?.();
  if (json === undefined) return null;
  const validator = JSON.parse(json) as ValidatorJSON;
  // `any` (no args validator) accepts everything; other kinds are refused by convex-test when the function loads.
  return validator.type === "object" ? validator : null;
}

/** A mismatch: its message around the path context (which the backend places differently per kind), and the path from the args down. */
interface Mismatch {
  describe(context: string): string;
  path: string[];
}

function noMatch(value: unknown, validator: ValidatorJSON): Mismatch {
  return { path: [], describe: (context) => `Value does not match validator.\n${context}\nValue: ${displayValue(value)}\nValidator: ${displayValidator(validator)}` };
}

function within(segment: string, mismatch: Mismatch | null): Mismatch | null {
  if (mismatch !== null) mismatch.path.unshift(segment);
  return mismatch;
}

function check(validator: ValidatorJSON, value: unknown): Mismatch | null {
  switch (validator.type) {
    case "any":
      return null;
    case "null":
      return value === null ? null : noMatch(value, validator);
    case "number":
      return typeof value === "number" ? null : noMatch(value, validator);
    case "bigint":
    case "commitTs":
      return typeof value === "bigint" ? null : noMatch(value, validator);
    case "boolean":
      return typeof value === "boolean" ? null : noMatch(value, validator);
    case "string":
      return typeof value === "string" ? null : noMatch(value, validator);
    case "bytes":
      return value instanceof ArrayBuffer ? null : noMatch(value, validator);
    case "id":
      return checkId(validator.tableName, value, validator);
    case "literal":
      return checkLiteral(validator.value, value);
    case "array":
      if (!Array.isArray(value)) return noMatch(value, validator);
      for (const [i, element] of value.entries()) {
        const mismatch = within(`[${i}]`, check(validator.value, element));
        if (mismatch) return mismatch;
      }
      return null;
    case "record":
      if (!isObject(value)) return noMatch(value, validator);
      for (const key of presentKeys(value)) {
        const mismatch = within(".keys()", check(validator.keys, key)) ?? within(".values()", check(validator.values.fieldType, value[key]));
        if (mismatch) return mismatch;
      }
      return null;
    case "object":
      return isObject(value) ? checkObject(validator.value, value) : noMatch(value, validator);
    case "union":
      if (validator.value.length === 1) return check(validator.value[0]!, value);
      return validator.value.some((member) => check(member, value) === null) ? null : noMatch(value, validator);
  }
}

function checkObject(fields: ObjectFields, object: Record<string, unknown>): Mismatch | null {
  for (const name of Object.keys(fields).sort(byteOrder)) {
    const { fieldType, optional } = fields[name]!;
    if (object[name] !== undefined) {
      const mismatch = within(`.${name}`, check(fieldType, object[name]));
      if (mismatch) return mismatch;
    } else if (!optional) {
      return objectMismatch(
        `Object is missing the required field \`${name}\`. Consider wrapping the field validator in \`v.optional(...)\` if this is expected.`,
        object,
        fields,
      );
    }
  }
  const extra = presentKeys(object).find((key) => !(key in fields));
  return extra === undefined ? null : objectMismatch(`Object contains extra field \`${extra}\` that is not in the validator.`, object, fields);
}

function objectMismatch(headline: string, object: Record<string, unknown>, fields: ObjectFields): Mismatch {
  return { path: [], describe: (context) => `${headline}\n${context}\nObject: ${displayObject(object)}\nValidator: ${displayObjectValidator(fields)}` };
}

function checkLiteral(literal: Extract<ValidatorJSON, { type: "literal" }>["value"], value: unknown): Mismatch | null {
  const expected = jsonToConvex(literal);
  // Convex compares literals by type and value; Object.is keeps 0 and -0 apart, and 1 and 1n, as the backend does.
  if (Object.is(value, expected)) return null;
  return { path: [], describe: (context) => `\`${displayValue(value)}\` does not match literal validator \`v.literal(${displayLiteral(literal)})\`.${context}` };
}

function checkId(tableName: string, value: unknown, validator: ValidatorJSON): Mismatch | null {
  const table = typeof value === "string" ? tableOfId(value) : null;
  if (table === null) return noMatch(value, validator);
  if (table === tableName) return null;
  if (table.startsWith("_")) {
    return { path: [], describe: (context) => `Found ID "${String(value)}" from a system table, which does not match the table name in validator \`v.id("${tableName}")\`.${context}` };
  }
  return { path: [], describe: (context) => `Found ID "${String(value)}" from table \`${table}\`, which does not match the table name in validator \`v.id("${tableName}")\`.${context}` };
}

/**
 * The table an id belongs to. Ids here are convex-test's (digits, then the table name; see the
 * README's "Ids" limit), so the table is read from the suffix, as convex-test itself does.
 */
function tableOfId(id: string): string | null {
  return /^[0-9]+(_?[A-Za-z][A-Za-z0-9_]*)$/.exec(id)?.[1] ?? null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof ArrayBuffer);
}
