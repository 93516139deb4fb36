import { convexTest } from "convex-test";
import { defineSchema, defineTable, type DataModelFromSchemaDefinition, type GenericDatabaseWriter } from "convex/server";
import { v } from "convex/values";
import { describe, expect, test } from "vitest";
import { captureInternals, catchGlobalState, shapeProblems, type Read } from "./internals.ts";

/**
 * The local Convex bets on convex-test's private parts (internals.ts). These tests name the
 * assumption an upgrade broke, instead of leaving it to show up as wrong query results.
 */
const schema = defineSchema({ items: defineTable({ n: v.number(), tag: v.optional(v.string()) }).index("by_n", ["n"]).index("by_tag", ["tag"]).searchIndex("search_tag", { searchField: "tag" }) });
const modules = { "/fake/convex/_generated/api.js": async () => ({}) };

type Ctx = { db: GenericDatabaseWriter<DataModelFromSchemaDefinition<typeof schema>> };
const newInstance = () => convexTest(schema, modules) as unknown as { run<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T> };

async function rawState() {
  const t = newInstance();
  return (await catchGlobalState(() => t.run(async () => null))).store as { components: Record<string, { db: object }>; transactionManager: Record<string, unknown> };
}

/** A copy of the state whose root database has `changes` applied over the real one. */
function withDatabase(state: Awaited<ReturnType<typeof rawState>>, changes: Record<string, unknown>) {
  const db = state.components[""]!.db;
  return { ...state, components: { "": { db: Object.assign(Object.create(Object.getPrototypeOf(db) as object) as object, db, changes) } } };
}

describe("convex-test's internals", () => {
  test("the installed convex-test has every method and field the local Convex patches or reads", async () => {
    expect(shapeProblems(await rawState())).toEqual([]);
  });

  test("a changed shape is refused with the assumption it breaks named", async () => {
    const state = await rawState();
    expect(shapeProblems(withDatabase(state, { _iterateDocs: undefined }))).toEqual(["DatabaseFake._iterateDocs is not a method (got undefined)"]);
    expect(shapeProblems(withDatabase(state, { get: (id: string) => id }))).toEqual(["DatabaseFake.get takes 1 parameter(s), expected 2"]);
    expect(shapeProblems(withDatabase(state, { _writes: {} }))).toEqual(["DatabaseFake._writes is object, expected array"]);
    expect(shapeProblems({ ...state, transactionManager: { ...state.transactionManager, _lastCommitTs: 0 } })).toContain("TransactionManager._lastCommitTs is number, expected bigint");
    expect(shapeProblems({ components: {}, transactionManager: state.transactionManager })).toContain('state.components[""].db (the root DatabaseFake) is missing');
  });

  test("reads are reported by id, index range (bounds decoded) and table; range membership compares as convex-test does", async () => {
    const t = newInstance();
    const internals = await captureInternals(() => t.run(async () => null));
    const reads: Read[] = [];
    internals.onRead((read) => reads.push(read));
    const id = await t.run((ctx) => ctx.db.insert("items", { n: 2, tag: "x" }));
    reads.length = 0;
    await t.run(async (ctx) => {
      await ctx.db.get("items", id);
      await ctx.db.query("items").withIndex("by_n", (q) => q.gte("n", 1).lt("n", 3)).collect();
      await ctx.db.query("items").collect();
      await ctx.db.query("items").withSearchIndex("search_tag", (q) => q.search("tag", "x")).collect();
    });
    expect(reads).toEqual([
      { kind: "id", id },
      { kind: "range", table: "items", range: [{ type: "Gte", fieldPath: "n", value: 1 }, { type: "Lt", fieldPath: "n", value: 3 }] },
      { kind: "table", table: "items" },
      { kind: "table", table: "items" },
    ]);
    const range = (reads[1] as Extract<Read, { kind: "range" }>).range;
    expect([0, 1, 2.5, 3].map((n) => internals.inRange({ n }, range))).toEqual([false, true, true, false]);
    expect(internals.inRange({}, [{ type: "Eq", fieldPath: "tag", value: undefined }])).toBe(true);
    const tagIs = (value: string) => [{ type: "Eq" as const, fieldPath: "tag", value }];
    expect([{ tag: "x" }, { tag: "xy" }, { tag: 1 }, {}].map((doc) => internals.inRange(doc, tagIs("x")))).toEqual([true, false, false, false]);
    expect(internals.inRange({ a: { b: "x" } }, [{ type: "Eq", fieldPath: "a.b", value: "x" }])).toBe(true);
  });

  test("a table's documents, read through the per-table index, are convex-test's own (committed, pending, replaced)", async () => {
    const t = newInstance();
    const internals = await captureInternals(() => t.run(async () => null));
    await t.run(async (ctx) => {
      for (let n = 0; n < 3; n++) await ctx.db.insert("items", { n });
    });
    const seen = await t.run(async (ctx) => {
      await ctx.db.insert("items", { n: 10 });
      return (await ctx.db.query("items").collect()).map((d) => d.n);
    });
    expect(seen).toEqual([0, 1, 2, 10]);
    const documents = { ...internals.documents };
    const [first] = Object.keys(documents);
    delete documents[first!];
    internals.replaceDocuments(documents);
    expect(await t.run(async (ctx) => (await ctx.db.query("items").collect()).map((d) => d.n))).toEqual([1, 2, 10]);
  });

  test("an index range with a string equality picks its documents from a per-field index that follows commits", async () => {
    const t = newInstance();
    await captureInternals(() => t.run(async () => null));
    const tagged = (tag: string) => t.run(async (ctx) => (await ctx.db.query("items").withIndex("by_n", (q) => q.eq("n", 1)).collect()).filter((d) => d.tag === tag).length);
    const byTag = async (tag: string) => (await t.run(async (ctx) => await ctx.db.query("items").withSearchIndex("search_tag", (q) => q.search("tag", tag)).collect())).length;
    const ids = await t.run(async (ctx) => [await ctx.db.insert("items", { n: 1, tag: "a" }), await ctx.db.insert("items", { n: 1, tag: "b" })]);
    expect([await tagged("a"), await tagged("b")]).toEqual([1, 1]);
    await t.run(async (ctx) => ctx.db.patch("items", ids[0]!, { tag: "b" }));
    expect([await tagged("a"), await tagged("b"), await byTag("b")]).toEqual([0, 2, 2]);
    // A string index field: the per-field buckets, including a write pending in the same transaction.
    const counts = await t.run(async (ctx) => {
      await ctx.db.patch("items", ids[1]!, { tag: "c" });
      const inserted = await ctx.db.insert("items", { n: 2, tag: "c" });
      const c = await ctx.db.query("items").withIndex("by_tag", (q) => q.eq("tag", "c")).collect();
      await ctx.db.delete("items", inserted);
      const after = await ctx.db.query("items").withIndex("by_tag", (q) => q.eq("tag", "c")).collect();
      return [c.length, after.length];
    });
    expect(counts).toEqual([2, 1]);
    expect(await t.run(async (ctx) => (await ctx.db.query("items").withIndex("by_tag", (q) => q.eq("tag", "b")).collect()).length)).toBe(1);
  });

  test("the outermost commit is hooked with the ids it writes, and reports its timestamp", async () => {
    const t = newInstance();
    const internals = await captureInternals(() => t.run(async () => null));
    const seen: { ids: string[]; ts: bigint | null }[] = [];
    internals.hookTransactions({
      afterBegin: () => {},
      commit: (isNested, commit) => {
        const ids = isNested ? [] : internals.pendingTopLevelWrites();
        const ts = commit();
        seen.push({ ids, ts });
        return ts;
      },
      rollback: (_isNested, rollback) => rollback(),
    });
    const id = await t.run((ctx) => ctx.db.insert("items", { n: 1 }));
    expect(seen).toEqual([{ ids: [id], ts: internals.lastCommitTs }]);
  });
});
