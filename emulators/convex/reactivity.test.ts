import { ConvexHttpClient, type ConvexClient } from "convex/browser";
import { makeFunctionReference, type FunctionReference } from "convex/server";
import type { Value } from "convex/values";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { eventually, newClient, startBasic, watch, type Started } from "./testing/harness.ts";

/**
 * A commit re-runs only the subscriptions whose read set it touches, and results stay exactly
 * what re-running everything would give. Runs are counted with the `afterQueryRun` test hook;
 * each test has a subscription the commit must leave alone, so it fails when everything re-runs.
 */
let started: Started;
const runs = new Map<string, number>();
/** Args as a key whatever order their fields arrive in. */
const stable = (value: unknown): unknown =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, stable((value as Record<string, unknown>)[k])]))
    : value;
const key = (udfPath: string, args: Record<string, Value>) => `${udfPath} ${JSON.stringify(stable(args))}`;
const runsOf = (udfPath: string, args: Record<string, Value> = {}) => runs.get(key(udfPath, args)) ?? 0;
let onRun: ((udfPath: string, args: Record<string, Value>) => Promise<void>) | null = null;

beforeAll(async () => {
  started = await startBasic();
  started.server.hooks.afterQueryRun = async (udfPath, args) => {
    runs.set(key(udfPath, args), runsOf(udfPath, args) + 1);
    await onRun?.(udfPath, args);
  };
});
afterAll(async () => {
  await started.server.close();
});
beforeEach(() => {
  onRun = null;
});

const q = <Args extends Record<string, Value>>(name: string) => makeFunctionReference<"query", Args, unknown>(name);
const m = <Args extends Record<string, Value>>(name: string) => makeFunctionReference<"mutation", Args, unknown>(name);
const send = m<{ author: string; body: string }>("messages:send") as FunctionReference<"mutation", "public", { author: string; body: string }, string>;
const rename = m<{ id: string; author: string }>("reactivity:rename");
const remove = m<{ id: string }>("reactivity:remove");

/** Subscribes and waits for the first result (or error); counts are read after it. */
async function subscribe<T>(client: ConvexClient, name: string, args: Record<string, Value>) {
  const sub = watch<T>((onValue, onError) => client.onUpdate(q(name), args, (v) => onValue(v as T), onError));
  await eventually(() => sub.values.length + sub.errors.length, (n) => n > 0);
  return sub;
}

/** Runs per subscription since `counts()` was called: `{ label: [udfPath, args] }`. */
function counter(subs: Record<string, [string, Record<string, Value>]>) {
  const base = Object.fromEntries(Object.entries(subs).map(([label, [path, args]]) => [label, runsOf(path, args)]));
  return () => Object.fromEntries(Object.entries(subs).map(([label, [path, args]]) => [label, runsOf(path, args) - base[label]!]));
}

async function withClient(fn: (client: ConvexClient) => Promise<void>): Promise<void> {
  const client = newClient(started.server.url);
  try {
    await fn(client);
  } finally {
    await client.close();
  }
}

describe("a commit re-runs only the queries it can change", () => {
  test("an insert re-runs the index ranges and table scans it lands in, on every socket, and no other query", async () => {
    const other = newClient(started.server.url);
    try {
      await withClient(async (client) => {
        const alice = await subscribe<{ body: string }[]>(client, "messages:byAuthor", { author: "t1-alice" });
        await subscribe(client, "messages:byAuthor", { author: "t1-bob" });
        const all = await subscribe<{ body: string }[]>(client, "messages:list", {});
        const otherAlice = await subscribe<{ body: string }[]>(other, "messages:byAuthor", { author: "t1-alice" });
        await subscribe(other, "messages:byAuthor", { author: "t1-carol" });
        await subscribe(other, "ticks:count", {});
        const ran = counter({
          alice: ["messages:byAuthor", { author: "t1-alice" }],
          bob: ["messages:byAuthor", { author: "t1-bob" }],
          carol: ["messages:byAuthor", { author: "t1-carol" }],
          all: ["messages:list", {}],
        });
        await client.mutation(send, { author: "t1-alice", body: "hello" });
        expect(alice.latest()?.map((x) => x.body)).toEqual(["hello"]);
        expect(all.latest()?.map((x) => x.body)).toContain("hello");
        await otherAlice.next((v) => v.length === 1);
        // Both sockets' transitions for this commit are done: alice re-ran twice (once per socket), the others never.
        expect(ran()).toEqual({ alice: 2, bob: 0, carol: 0, all: 1 });
      });
    } finally {
      await other.close();
    }
  });

  test("db.get re-runs for its document only; .first(), .take() and a moved document stay exact", async () => {
    await withClient(async (client) => {
      const a1 = (await client.mutation(send, { author: "t2-alice", body: "a1" })) as string;
      const get = await subscribe<{ author: string } | null>(client, "messages:get", { id: a1 });
      const first = await subscribe<string | null>(client, "reactivity:firstBy", { author: "t2-alice" });
      const take = await subscribe<string[]>(client, "reactivity:takeBy", { author: "t2-alice", n: 2 });
      const carol = await subscribe<string | null>(client, "reactivity:firstBy", { author: "t2-carol" });
      const ran = counter({ get: ["messages:get", { id: a1 }], carol: ["reactivity:firstBy", { author: "t2-carol" }] });

      const a2 = (await client.mutation(send, { author: "t2-alice", body: "a2" })) as string;
      expect([first.latest(), take.latest()]).toEqual(["a1", ["a1", "a2"]]);
      expect(ran()).toEqual({ get: 0, carol: 0 });

      // Moved out of alice's range into carol's: both ranges (before and after the write) re-run.
      await client.mutation(rename, { id: a1, author: "t2-carol" });
      expect([get.latest()?.author, first.latest(), take.latest(), carol.latest()]).toEqual(["t2-carol", "a2", ["a2"], "a1"]);
      expect(ran()).toEqual({ get: 1, carol: 1 });

      await client.mutation(remove, { id: a2 });
      expect([first.latest(), take.latest()]).toEqual([null, []]);
      expect(ran()).toEqual({ get: 1, carol: 1 });
    });
  });

  test("index range bounds are exact: a write at the excluded upper bound re-runs nothing, one inside does", async () => {
    await withClient(async (client) => {
      const y = (await client.mutation(send, { author: "t3-c", body: "y" })) as string;
      const range = await subscribe<string[]>(client, "reactivity:authorsBetween", { from: "t3-b", to: "t3-d" });
      expect(range.latest()).toEqual(["y"]);
      const ran = counter({ range: ["reactivity:authorsBetween", { from: "t3-b", to: "t3-d" }] });

      await client.mutation(send, { author: "t3-d", body: "at the bound" });
      await client.mutation(send, { author: "t3-a", body: "below" });
      expect(ran()).toEqual({ range: 0 });

      await client.mutation(rename, { id: y, author: "t3-e" });
      expect(range.latest()).toEqual([]);
      await client.mutation(send, { author: "t3-b", body: "at the lower bound" });
      expect(range.latest()).toEqual(["at the lower bound"]);
      expect(ran()).toEqual({ range: 2 });
    });
  });

  test("a query that failed keeps what it read: other commits leave it, one touching its reads brings it back", async () => {
    await withClient(async (client) => {
      const d1 = (await client.mutation(send, { author: "t4-dup", body: "one" })) as string;
      await client.mutation(send, { author: "t4-dup", body: "two" });
      const unique = await subscribe<string | null>(client, "reactivity:uniqueBy", { author: "t4-dup" });
      expect(unique.errors.length).toBe(1);
      const ran = counter({ unique: ["reactivity:uniqueBy", { author: "t4-dup" }] });

      await client.mutation(send, { author: "t4-other", body: "unrelated" });
      expect(ran()).toEqual({ unique: 0 });
      await client.mutation(remove, { id: d1 });
      expect(unique.latest()).toBe("two");
      expect(ran()).toEqual({ unique: 1 });
    });
  });

  test("paginated queries (journals, cursors) update only for their own range and stay gapless", async () => {
    await withClient(async (client) => {
      for (const body of ["p1", "p2", "p3"]) await client.mutation(send, { author: "t5-alice", body });
      type Page = { page: { body: string }[]; continueCursor: string; isDone: boolean };
      const first = await subscribe<Page>(client, "reactivity:pageBy", { author: "t5-alice", paginationOpts: { numItems: 2, cursor: null } });
      const cursor = first.latest()!.continueCursor;
      const second = await subscribe<Page>(client, "reactivity:pageBy", { author: "t5-alice", paginationOpts: { numItems: 2, cursor } });
      const bob = await subscribe<Page>(client, "reactivity:pageBy", { author: "t5-bob", paginationOpts: { numItems: 2, cursor: null } });
      const ran = counter({
        first: ["reactivity:pageBy", { author: "t5-alice", paginationOpts: { numItems: 2, cursor: null } }],
        bob: ["reactivity:pageBy", { author: "t5-bob", paginationOpts: { numItems: 2, cursor: null } }],
      });

      await client.mutation(send, { author: "t5-alice", body: "p4" });
      const pages = [...first.latest()!.page, ...second.latest()!.page].map((x) => x.body);
      expect(pages).toEqual(["p4", "p3", "p2", "p1"]);
      expect(bob.latest()!.page).toEqual([]);
      expect(ran()).toEqual({ first: 1, bob: 0 });
    });
  });

  test("scheduled functions: the _scheduled_functions system table and the job's writes re-run their readers only", async () => {
    await withClient(async (client) => {
      const pending = await subscribe<number>(client, "reactivity:pendingJobs", {});
      const scheduler = await subscribe<{ body: string }[]>(client, "messages:byAuthor", { author: "scheduler" });
      await subscribe(client, "messages:byAuthor", { author: "t6-nobody" });
      const ran = counter({ nobody: ["messages:byAuthor", { author: "t6-nobody" }] });
      const base = pending.latest()!;

      await client.mutation(m<{ body: string; delayMs: number }>("messages:sendAfter"), { body: "t6 later", delayMs: 300 });
      expect(pending.latest()).toBe(base + 1);
      await scheduler.next((v) => v.some((x) => x.body === "t6 later"));
      await pending.next((n) => n === base);
      expect(ran()).toEqual({ nobody: 0 });
    });
  });

  test("a query reading only ctx.auth re-runs when the identity changes, not on commits", async () => {
    await withClient(async (client) => {
      const tokens = [await started.issuer.sign({ sub: "t7-first" }), await started.issuer.sign({ sub: "t7-second" })];
      let current = 0;
      client.setAuth(async () => tokens[current]!);
      const who = await subscribe<{ subject: string } | null>(client, "users:whoami", {});
      await who.next((v) => v?.subject === "t7-first");
      const ran = counter({ who: ["users:whoami", {}] });

      await client.mutation(send, { author: "t7", body: "unrelated" });
      expect(ran()).toEqual({ who: 0 });
      current = 1;
      client.setAuth(async () => tokens[current]!);
      await who.next((v) => v?.subject === "t7-second");
      expect(ran().who).toBeGreaterThan(0);
    });
  });

  test("a database restart (schema or code reload) re-runs every query", async () => {
    await withClient(async (client) => {
      await subscribe(client, "messages:byAuthor", { author: "t8" });
      const ran = counter({ t8: ["messages:byAuthor", { author: "t8" }] });
      await client.mutation(send, { author: "t8-other", body: "unrelated" });
      expect(ran()).toEqual({ t8: 0 });
      await started.server.reloadSchema();
      await eventually(() => ran().t8, (n) => n === 1);
    });
  });

  test("a commit landing after a query read its snapshot, before its read set is kept, still re-runs it", async () => {
    const http = new ConvexHttpClient(started.server.url);
    await withClient(async (client) => {
      let raced = false;
      onRun = async (udfPath, args) => {
        if (raced || udfPath !== "messages:byAuthor" || args.author !== "t9") return;
        raced = true;
        await http.mutation(send, { author: "t9", body: "raced" });
      };
      const sub = await subscribe<{ body: string }[]>(client, "messages:byAuthor", { author: "t9" });
      await sub.next((v) => v.some((x) => x.body === "raced"));
      await client.mutation(send, { author: "t9-other", body: "unrelated" });
      expect(runsOf("messages:byAuthor", { author: "t9" })).toBe(2);
    });
  });
});
