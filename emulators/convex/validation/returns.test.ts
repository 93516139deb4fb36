import { convexTest } from "convex-test";
import { queryGeneric } from "convex/server";
import { v, type Validator } from "convex/values";
import { afterEach, describe, expect, test } from "vitest";
import { Runtime } from "../runtime.ts";

/**
 * Queries' return values are checked with a validator compiled once (compiled.ts) instead of
 * convex-test's; the outcome and the message must stay convex-test's, for every kind of value.
 */
type Case = { name: string; returns: Validator<unknown, "required", string>; value: unknown };

const note = v.object({ _id: v.id("notes"), text: v.string(), orgId: v.optional(v.string()), author: v.union(v.object({ name: v.union(v.string(), v.null()) }), v.null()) });
const cases: Case[] = [
  { name: "a matching object with nullable fields", returns: note, value: { _id: "1notes", text: "a", author: { name: null } } },
  { name: "a missing optional field", returns: note, value: { _id: "1notes", text: "a", author: null } },
  { name: "an extra field", returns: note, value: { _id: "1notes", text: "a", author: null, extra: 1 } },
  { name: "an extra field that is undefined", returns: note, value: { _id: "1notes", text: "a", author: null, extra: undefined } },
  { name: "a missing required field", returns: note, value: { _id: "1notes", author: null } },
  { name: "an id of another table", returns: note, value: { _id: "1users", text: "a", author: null } },
  { name: "a string that is no id", returns: v.id("notes"), value: "notes" },
  { name: "null where an object is expected", returns: v.object({ a: v.number() }), value: null },
  { name: "an array where an object is expected", returns: v.object({ a: v.number() }), value: [1] },
  { name: "no union member matching", returns: v.union(v.string(), v.number()), value: true },
  { name: "an array with one bad element", returns: v.array(v.number()), value: [1, 2, "3"] },
  { name: "a matching string literal", returns: v.literal("x"), value: "x" },
  { name: "a bigint literal", returns: v.literal(1n), value: 1n },
  { name: "an int64", returns: v.int64(), value: 5n },
  { name: "a float where an int64 is expected", returns: v.int64(), value: 5 },
  { name: "bytes", returns: v.bytes(), value: new ArrayBuffer(2) },
  { name: "a record (convex-test does not check them)", returns: v.record(v.string(), v.number()), value: { a: "not a number" } },
  { name: "undefined where null is expected", returns: v.null(), value: undefined },
  { name: "any", returns: v.any(), value: { deep: [1, { x: null }] } },
];

const generated = { "/fake/convex/_generated/api.js": async () => ({}) };
const moduleFor = (c: Case) => ({ "/fake/convex/things.js": async () => ({ get: queryGeneric({ args: {}, returns: c.returns, handler: async () => c.value as never }) }) });
const path = { udfPath: "things:get", componentPath: "" };

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const runtimes: Runtime[] = [];
afterEach(() => {
  for (const runtime of runtimes.splice(0)) runtime.dispose();
});

describe("query return values", () => {
  test.each(cases)("$name: the same outcome and message as convex-test's own check", async (c) => {
    const loaders = { ...generated, ...moduleFor(c) };
    const plain = convexTest(undefined, loaders) as unknown as { queryFromPath(p: typeof path, args: object): Promise<unknown> };
    const runtime = await Runtime.create(undefined, loaders);
    runtimes.push(runtime);
    const expected = await outcome(() => plain.queryFromPath(path, {}));
    expect(await outcome(() => runtime.t.queryFromPath(path, {}))).toBe(expected);
  });

  test("a page of documents with nullable fields is checked without building an Error per unmatched union member", async () => {
    const page = Array.from({ length: 200 }, (_, i) => ({ _id: `${i + 1}notes`, text: `note ${i}`, author: { name: null } }));
    const loaders = { ...generated, ...moduleFor({ name: "page", returns: v.array(note), value: page }) };
    const runtime = await Runtime.create(undefined, loaders);
    runtimes.push(runtime);
    await runtime.t.queryFromPath(path, {});
    const RealError = globalThis.Error;
    let built = 0;
    globalThis.Error = new Proxy(RealError, {
      construct(target, args: [string?]) {
        built++;
        return new target(...args);
      },
    });
    try {
      expect(await outcome(() => runtime.t.queryFromPath(path, {}))).toBe("ok");
    } finally {
      globalThis.Error = RealError;
    }
    expect(built).toBe(0);
  });
});
