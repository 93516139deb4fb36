import { ConvexClient } from "convex/browser";
import { ConvexReactClient } from "convex/react";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { makeFunctionReference } from "convex/server";
import { api } from "./fixtures/basic/convex/_generated/api.js";
import { eventually, newClient, startBasic, watch, type Started } from "./testing/harness.ts";

let started: Started;
const clients: { close(): Promise<void> | void }[] = [];
function client() {
  const c = newClient(started.server.url);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  started = await startBasic();
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await started.server.close();
});

describe("sync protocol with the real clients", () => {
  test("a mutation resolves with its write already in the subscribed query (read your own writes)", async () => {
    const c = client();
    const list = watch<{ body: string }[]>((onValue, onError) => c.onUpdate(api.messages.byAuthor, { author: "ryow" }, onValue, onError));
    await list.next((v) => v.length === 0);
    await c.mutation(api.messages.send, { author: "ryow", body: "first" });
    expect(list.latest()?.map((m) => m.body)).toEqual(["first"]);
    list.unsubscribe();
  });

  test("another client (ConvexReactClient.watchQuery, as useQuery) sees a change live", async () => {
    const react = new ConvexReactClient(started.server.url, {
      webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
      unsavedChangesWarning: false,
    });
    clients.push(react);
    const watcher = react.watchQuery(api.messages.byAuthor, { author: "live" });
    const seen: string[][] = [];
    watcher.onUpdate(() => seen.push((watcher.localQueryResult() ?? []).map((m) => m.body)));
    await eventually(() => seen.at(-1), (v) => v !== undefined && v.length === 0);
    await client().mutation(api.messages.send, { author: "live", body: "from another client" });
    await eventually(() => seen.at(-1), (v) => v?.[0] === "from another client");
  });

  test("ConvexError data reaches the caller intact", async () => {
    const error = await client().mutation(api.messages.refuse, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string }>).data).toEqual({ code: "NOT_ALLOWED", detail: "nope" });
  });

  test("a query that throws ConvexError reaches the subscriber's error callback with its data", async () => {
    const c = client();
    const sub = watch<unknown>((onValue, onError) => c.onUpdate(api.messages.forbidden, {}, onValue, onError));
    await eventually(() => sub.errors.length, (n) => n > 0);
    expect(sub.errors[0]).toBeInstanceOf(ConvexError);
    expect((sub.errors[0] as ConvexError<{ code: string }>).data).toEqual({ code: "FORBIDDEN" });
    sub.unsubscribe();
  });

  test("a thrown error fails the mutation and commits nothing", async () => {
    const c = client();
    await expect(c.mutation(api.messages.crash, {})).rejects.toThrow(/Uncaught Error: boom/);
    expect(await c.query(api.messages.byAuthor, { author: "crash" })).toEqual([]);
  });

  test("internal functions cannot be called from a client", async () => {
    await expect(client().query(makeFunctionReference<"query">("messages:secret"), {})).rejects.toThrow(/Could not find public function for 'messages:secret'/);
  });

  test("unknown functions and wrong argument types are refused with an error", async () => {
    const c = client();
    await expect(c.mutation(makeFunctionReference<"mutation">("messages:nope"), {})).rejects.toThrow(/Could not find public function for 'messages:nope'/);
    await expect(c.mutation(api.messages.send, { author: "x", body: 42 as unknown as string })).rejects.toThrow(/Validator/);
  });

  test("a mutation that never finishes times out and the server keeps serving", async () => {
    const c = client();
    await expect(c.mutation(api.messages.hang, {})).rejects.toThrow(/timed out/);
    await c.mutation(api.messages.send, { author: "after-hang", body: "still works" });
    expect(await c.query(api.messages.byAuthor, { author: "after-hang" })).toHaveLength(1);
    expect(started.lines.some((l) => l.includes("messages:hang") && l.includes("stopped after"))).toBe(true);
  });

  test("a mutation looping on database calls is stopped at its time limit and the server keeps serving", async () => {
    const c = client();
    await expect(c.mutation(api.messages.spin, {})).rejects.toThrow(/timed out/);
    await c.mutation(api.messages.send, { author: "after-spin", body: "still works" });
    expect(await c.query(api.messages.byAuthor, { author: "after-spin" })).toHaveLength(1);
  });

  test("a mutation may call ctx.runQuery, as on Convex", async () => {
    expect(await client().mutation(api.messages.secretViaRunQuery, {})).toBe("classified");
  });

  test("actions run, and the mutations they run reach subscribers", async () => {
    const c = client();
    const list = watch<{ body: string }[]>((onValue, onError) => c.onUpdate(api.messages.byAuthor, { author: "scheduler" }, onValue, onError));
    expect(await c.action(api.messages.sendViaAction, { body: "via action" })).toBe("sent via action");
    await list.next((v) => v.some((m) => m.body === "via action"));
    list.unsubscribe();
  });

  test("scheduled functions run and their writes reach subscribers", async () => {
    const c = client();
    const list = watch<{ body: string }[]>((onValue, onError) => c.onUpdate(api.messages.byAuthor, { author: "scheduler" }, onValue, onError));
    await c.mutation(api.messages.sendLater, { body: "scheduled" });
    await list.next((v) => v.some((m) => m.body === "scheduled"));
    list.unsubscribe();
  });

  test("crons from convex/crons.ts run and their writes reach subscribers", async () => {
    const c = client();
    const ticks = watch<number>((onValue, onError) => c.onUpdate(api.ticks.count, {}, onValue, onError));
    const first = await ticks.next(() => true);
    await ticks.next((n) => n > first);
    ticks.unsubscribe();
  });

  test("console.log lines reach the client as Convex log lines and the server log", async () => {
    const logged: unknown[][] = [];
    const logger = { log: (...args: unknown[]) => logged.push(args), warn: () => {}, error: () => {}, logVerbose: () => {} };
    const c = new ConvexClient(started.server.url, { webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket, logger });
    clients.push(c);
    await c.mutation(api.messages.sendLogged, { body: "hello log" });
    // The client prints `[CONVEX M(path)] [LOG]` followed by the text as Convex formats it.
    expect(logged).toContainEqual([expect.stringContaining("[CONVEX M(messages:sendLogged)] [LOG]"), expect.any(String), "'sending' 'hello log'"]);
    expect(started.lines).toContain("[M messages:sendLogged] [LOG] 'sending' 'hello log'");
  });

  test("paginated queries stay gapless while documents are inserted before them", async () => {
    const c = client();
    for (const body of ["p1", "p2", "p3", "p4"]) await c.mutation(api.messages.send, { author: "pages", body });
    type Page = { page: { body: string; author: string }[]; continueCursor: string; isDone: boolean };
    const first = watch<Page>((onValue, onError) => c.onUpdate(api.messages.page, { paginationOpts: { numItems: 2, cursor: null } }, onValue, onError));
    const page1 = await first.next(() => true);
    const second = watch<Page>((onValue, onError) =>
      c.onUpdate(api.messages.page, { paginationOpts: { numItems: 2, cursor: page1.continueCursor } }, onValue, onError),
    );
    const page2 = await second.next(() => true);
    const before = [...page1.page, ...page2.page].map((m) => m.body);
    await c.mutation(api.messages.send, { author: "pages", body: "newest" });
    const grown = await first.next((p) => p.page.some((m) => m.body === "newest"));
    const after = [...grown.page, ...second.latest()!.page].map((m) => m.body);
    // Newest first: the new document joins page 1 and nothing falls between the pages.
    expect(after.slice(1, before.length + 1)).toEqual(before);
    expect(after[0]).toBe("newest");
    first.unsubscribe();
    second.unsubscribe();
  });

  test("a paginated query whose validator has no endCursor keeps updating (it gets no journal)", async () => {
    const c = client();
    type Page = { page: { body: string }[]; continueCursor: string };
    const sub = watch<Page>((onValue, onError) => c.onUpdate(api.messages.pageWithOwnValidator, { paginationOpts: { numItems: 2, cursor: null } }, onValue, onError));
    await sub.next(() => true);
    await c.mutation(api.messages.send, { author: "own-validator", body: "re-run" });
    // Without a journal the re-run is an ordinary query; with one it would fail on the unexpected field.
    await eventually(() => sub.errors.length > 0 || sub.latest()!.page.some((m) => m.body === "re-run"), (done) => done);
    expect(sub.errors).toEqual([]);
    sub.unsubscribe();
  });

  test("a mutation re-sent after a reconnect is not applied twice", async () => {
    const c = client();
    let drops = 0;
    started.server.hooks.beforeMutationResponse = (udfPath) => {
      if (udfPath === "messages:send" && drops === 0) {
        drops += 1;
        return "drop";
      }
    };
    try {
      const id = await c.mutation(api.messages.send, { author: "once", body: "exactly once" });
      expect(drops).toBe(1);
      const rows = await c.query(api.messages.byAuthor, { author: "once" });
      expect(rows.map((r) => r._id)).toEqual([id]);
    } finally {
      started.server.hooks.beforeMutationResponse = undefined;
    }
  });

  test("a client that disconnects while its mutation runs gets the one result after reconnecting", async () => {
    const c = client();
    let release!: () => void;
    const running = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    started.server.hooks.beforeMutationRun = async (udfPath) => {
      if (udfPath !== "messages:send") return;
      runs += 1;
      if (runs === 1) {
        started.server.dropConnections();
        await running;
      }
    };
    try {
      const result = c.mutation(api.messages.send, { author: "in-flight", body: "one copy" });
      await eventually(() => runs, (n) => n === 1);
      release();
      const id = await result;
      const rows = await c.query(api.messages.byAuthor, { author: "in-flight" });
      expect(rows.map((r) => r._id)).toEqual([id]);
      expect(runs).toBe(1);
    } finally {
      started.server.hooks.beforeMutationRun = undefined;
    }
  });

  test("malformed frames close only that socket; the server keeps serving", async () => {
    const ws = new WebSocket(started.server.url.replace("http", "ws") + "/api/1.48.0/sync");
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    const messages: { type: string; error?: string }[] = [];
    ws.on("message", (data) => messages.push(JSON.parse(String(data)) as { type: string }));
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    ws.send("this is not json");
    expect(await closed).not.toBe(1000);
    // As the backend: a bad request gets FatalError (the client stops reconnecting) before the close.
    expect(messages).toEqual([{ type: "FatalError", error: expect.stringMatching(/^WSMessageInvalidJson: /) }]);
    expect(started.lines.some((l) => l.includes("protocol error"))).toBe(true);
    await client().mutation(api.messages.send, { author: "after-garbage", body: "ok" });
  });

  test("args that are not Convex values fail that request only; the socket stays open", async () => {
    const ws = new WebSocket(started.server.url.replace("http", "ws") + "/api/sync");
    await new Promise((resolve) => ws.once("open", resolve));
    const messages: { type: string; success?: boolean; modifications?: { type: string }[] }[] = [];
    ws.on("message", (data) => messages.push(JSON.parse(String(data)) as { type: string }));
    let closed = false;
    ws.once("close", () => (closed = true));
    const bad = { $notAType: 1 };
    ws.send(JSON.stringify({ type: "Connect", sessionId: "bad-args", connectionCount: 0, lastCloseReason: null }));
    ws.send(JSON.stringify({ type: "Mutation", requestId: 0, udfPath: "messages:send", args: [bad] }));
    ws.send(JSON.stringify({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 0, udfPath: "messages:list", args: [bad] }] }));
    await eventually(() => messages.filter((m) => m.type !== "Ping").length, (n) => n >= 2);
    expect(messages.find((m) => m.type === "MutationResponse")).toMatchObject({ success: false });
    expect(messages.find((m) => m.type === "Transition")?.modifications).toEqual([expect.objectContaining({ type: "QueryFailed" })]);
    expect(closed).toBe(false);
    ws.close();
  });

  test("a version mismatch in ModifyQuerySet is a protocol error", async () => {
    const ws = new WebSocket(started.server.url.replace("http", "ws") + "/api/sync");
    await new Promise((resolve) => ws.once("open", resolve));
    const messages: { type: string; error?: string }[] = [];
    ws.on("message", (data) => messages.push(JSON.parse(String(data)) as { type: string }));
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    ws.send(JSON.stringify({ type: "Connect", sessionId: "s", connectionCount: 0, lastCloseReason: null }));
    ws.send(JSON.stringify({ type: "ModifyQuerySet", baseVersion: 5, newVersion: 6, modifications: [] }));
    expect(await closed).toBe(1002);
    expect(messages).toEqual([{ type: "FatalError", error: expect.stringMatching(/^BaseVersionMismatch: /) }]);
  });
});
