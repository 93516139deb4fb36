import { convexToJson, type Value } from "convex/values";
import { describe, expect, test } from "vitest";
import { convexJsonText } from "./json-text.ts";

/** A query result's text must be exactly what `JSON.stringify(convexToJson(…))` writes, and fail the same way. */
const values: [string, unknown][] = [
  ["a page of notes", { page: [{ _id: "1notes", _creationTime: 1733.5, text: 'say "hi"\n', author: { name: null, email: "a@b.c" }, canEdit: true }], isDone: false, continueCursor: "[\"x\"]" }],
  ["fields out of order, undefined ones left out", { b: 1, a: [true, false, null], c: undefined }],
  ["index-like field names (JSON moves them first)", { b: 1, "2": "two", "10": "ten" }],
  ["int64, bytes and special floats", { n: 5n, bytes: new Uint8Array([1, 2, 3]).buffer, nan: NaN, inf: -Infinity, negZero: -0 }],
  ["deep nesting", [[[{ x: [1.25, -3, 1e21, 5e-7] }]]]],
  ["unicode", { text: "é ☃ \u2028 \ud83d\ude00" }],
  ["an empty object and array", { o: {}, a: [] }],
  ["a null prototype object", Object.assign(Object.create(null) as object, { z: 1, y: 2 })],
];
const invalid: [string, unknown][] = [
  ["undefined in an array", [1, undefined]],
  ["a field name starting with $", { $bad: 1 }],
  ["a class instance", { when: new Date(0) }],
  ["a Map", new Map([["a", 1]])],
  ["an int64 out of range", { n: 2n ** 64n }],
];

function outcome(write: () => string): string {
  try {
    return write();
  } catch (error) {
    return `throws: ${error instanceof Error ? error.message : String(error)}`;
  }
}

describe("convexJsonText", () => {
  test.each(values)("%s: the text convexToJson gives", (_, value) => {
    expect(convexJsonText(value as Value)).toBe(JSON.stringify(convexToJson(value as Value)));
  });
  test.each(invalid)("%s: the error convexToJson gives", (_, value) => {
    const expected = outcome(() => JSON.stringify(convexToJson(value as Value)));
    expect(expected.startsWith("throws: ")).toBe(true);
    expect(outcome(() => convexJsonText(value as Value))).toBe(expected);
  });
});
