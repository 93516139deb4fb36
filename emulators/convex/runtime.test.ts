import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { describe, expect, test } from "vitest";
import { Runtime } from "./runtime.ts";

/** The commit log sockets catch up from: complete back to where it starts, and saying so when it is not. */
const schema = defineSchema({ items: defineTable({ n: v.number() }) });
const loaders = { "/fake/convex/_generated/api.js": async () => ({}) };
type Ctx = { db: { insert(table: "items", value: { n: number }): Promise<string> } };

describe("the runtime's commit log", () => {
  test("lists every commit after a timestamp, with its writes, and answers null once it no longer reaches back", async () => {
    const runtime = await Runtime.create(schema, loaders);
    const insert = (n: number) => runtime.t.run((ctx) => (ctx as Ctx).db.insert("items", { n }));
    const start = runtime.lastCommitTs();
    const first = await insert(0);
    const afterFirst = runtime.lastCommitTs();
    await insert(1);
    expect(runtime.commitsAfter(start)?.map((c) => c.writes.map((w) => [w.id === first, w.before, (w.after as { n: number } | null)?.n]))).toEqual([
      [[true, null, 0]],
      [[false, null, 1]],
    ]);
    expect(runtime.commitsAfter(afterFirst)?.length).toBe(1);
    expect(runtime.commitsAfter(runtime.lastCommitTs())).toEqual([]);
    for (let n = 2; n < 1_002; n++) await insert(n);
    expect(runtime.commitsAfter(afterFirst)).toBeNull();
    expect(runtime.commitsAfter(runtime.lastCommitTs())).toEqual([]);
    // Documents replaced without commits (a restart's restore): nothing from before can be listed.
    const before = runtime.lastCommitTs();
    runtime.restore(await runtime.snapshot());
    expect(runtime.commitsAfter(before - 1n)).toBeNull();
    expect(runtime.commitsAfter(runtime.lastCommitTs())).toEqual([]);
    runtime.dispose();
  });
});
