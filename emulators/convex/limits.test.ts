import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { api } from "./fixtures/basic/convex/_generated/api.js";
import { FUNCTION_MAX_ARGS_BYTES, FUNCTION_MAX_RESULT_BYTES, SYNC_MAX_INFLIGHT_ACTIONS, SYNC_MAX_MESSAGE_BYTES, SYNC_MAX_QUERIES, SYNC_MAX_WAITING_MUTATIONS } from "./limits.ts";
import { startBasic, type Started } from "./testing/harness.ts";

let started: Started;
beforeAll(async () => {
  started = await startBasic();
});
afterAll(async () => {
  await started.server.close();
});

/** A raw sync socket: what an arbitrary program (not the Convex client) can send. */
async function rawSocket(sessionId = crypto.randomUUID()) {
  const ws = new WebSocket(started.server.url.replace("http", "ws") + "/api/1.48.0/sync");
  const messages: Record<string, unknown>[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on("message", (data: Buffer) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
  ws.on("error", () => {});
  await new Promise((resolve) => ws.once("open", resolve));
  const send = (msg: unknown) => ws.send(JSON.stringify(msg));
  send({ type: "Connect", sessionId, connectionCount: 0, lastCloseReason: null });
  return { ws, messages, closed, send };
}

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 20));
}

async function serverStillServes(): Promise<void> {
  expect(await new ConvexHttpClient(started.server.url).query(api.messages.list, {})).toBeInstanceOf(Array);
}

describe("one client cannot hurt the others", () => {
  test(`a sync message over ${SYNC_MAX_MESSAGE_BYTES} bytes closes that socket with 1009 before it is buffered`, async () => {
    const socket = await rawSocket();
    socket.ws.send("x".repeat(SYNC_MAX_MESSAGE_BYTES + 1));
    expect((await socket.closed).code).toBe(1009);
    expect(started.lines.some((l) => l.includes("16 MiB"))).toBe(true);
    await serverStillServes();
  });

  test(`more than ${SYNC_MAX_QUERIES} subscriptions on one socket are refused with a FatalError naming the limit`, async () => {
    const socket = await rawSocket();
    const modifications = Array.from({ length: SYNC_MAX_QUERIES + 1 }, (_, i) => ({ type: "Add", queryId: i, udfPath: "messages:list", args: [{}] }));
    socket.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications });
    await socket.closed;
    const fatal = socket.messages.find((m) => m.type === "FatalError");
    expect(fatal?.error).toContain(`at most ${SYNC_MAX_QUERIES} queries`);
    expect(socket.messages.some((m) => m.type === "Transition")).toBe(false);
  });

  test(`${SYNC_MAX_QUERIES} subscriptions are accepted`, async () => {
    const socket = await rawSocket();
    const modifications = Array.from({ length: SYNC_MAX_QUERIES }, (_, i) => ({ type: "Add", queryId: i, udfPath: "messages:sized", args: [{ size: 1 }] }));
    socket.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications });
    await until(() => socket.messages.some((m) => m.type === "Transition"));
    socket.ws.close();
  });

  test(`mutations queued past ${SYNC_MAX_WAITING_MUTATIONS} behind a running one close the socket with 1013 TooManyConcurrentMutations`, async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    started.server.hooks.beforeMutationRun = () => gate;
    try {
      const socket = await rawSocket();
      for (let i = 0; i <= SYNC_MAX_WAITING_MUTATIONS + 1; i++) socket.send({ type: "Mutation", requestId: i, udfPath: "messages:send", args: [{ author: "queue", body: String(i) }] });
      const closed = await socket.closed;
      expect(closed).toEqual({ code: 1013, reason: "TooManyConcurrentMutations" });
    } finally {
      started.server.hooks.beforeMutationRun = undefined;
      release();
    }
  });

  test(`${SYNC_MAX_WAITING_MUTATIONS} mutations waiting behind a running one are all answered`, async () => {
    const socket = await rawSocket();
    for (let i = 0; i <= SYNC_MAX_WAITING_MUTATIONS; i++) socket.send({ type: "Mutation", requestId: i, udfPath: "messages:sized", args: [{ size: 1 }] });
    await until(() => socket.messages.filter((m) => m.type === "MutationResponse").length === SYNC_MAX_WAITING_MUTATIONS + 1);
    socket.ws.close();
  });

  test(`more than ${SYNC_MAX_INFLIGHT_ACTIONS} actions in flight on one socket close it with 1013`, async () => {
    const socket = await rawSocket();
    for (let i = 0; i <= SYNC_MAX_INFLIGHT_ACTIONS + 1; i++) socket.send({ type: "Action", requestId: i, udfPath: "messages:waitFor", args: [{ ms: 1500 }] });
    expect(await socket.closed).toEqual({ code: 1013, reason: "TooManyInflightActionsForSingleClient" });
  });
});

describe("Convex's function limits, with its wording", () => {
  test("arguments over 16 MiB are refused before the function runs", async () => {
    const http = new ConvexHttpClient(started.server.url);
    const body = "x".repeat(FUNCTION_MAX_ARGS_BYTES);
    await expect(http.mutation(api.messages.send, { author: "big-args", body })).rejects.toThrow(/Arguments for messages\.js:send are too large \(actual: 16 MiB, limit: 16 MiB\)/);
    expect(await http.query(api.messages.byAuthor, { author: "big-args" })).toEqual([]);
  });

  test("a query returning more than 16 MiB fails with the backend's message", async () => {
    const http = new ConvexHttpClient(started.server.url);
    await expect(http.query(api.messages.sized, { size: FUNCTION_MAX_RESULT_BYTES })).rejects.toThrow(
      /Function messages\.js:sized return value is too large \(actual: 16 MiB, limit: 16 MiB\)/,
    );
    expect(await http.query(api.messages.sized, { size: 10 })).toBe("xxxxxxxxxx");
  });

  test("a mutation returning more than 16 MiB commits nothing", async () => {
    const http = new ConvexHttpClient(started.server.url);
    await expect(http.mutation(api.messages.sendThenReturnTooMuch, { body: "lost", size: FUNCTION_MAX_RESULT_BYTES })).rejects.toThrow(/return value is too large/);
    expect(await http.query(api.messages.byAuthor, { author: "too-much" })).toEqual([]);
  });
});

describe("a mutation's answer goes only to whoever sent it", () => {
  test("a socket reusing another client's session id and request id runs its own mutation and never receives the other's result", async () => {
    const token = await started.issuer.sign({ sub: "session-owner" });
    const sessionId = crypto.randomUUID();
    const owner = await rawSocket(sessionId);
    owner.send({ type: "Authenticate", baseVersion: 0, tokenType: "User", value: token });
    owner.send({ type: "Mutation", requestId: 7, udfPath: "users:addNote", args: [{ text: "private" }] });
    await until(() => owner.messages.some((m) => m.type === "MutationResponse"));
    const ownerAnswer = owner.messages.find((m) => m.type === "MutationResponse")!;
    expect(ownerAnswer.success).toBe(true);
    owner.ws.close();

    const intruder = await rawSocket(sessionId);
    intruder.send({ type: "Mutation", requestId: 7, udfPath: "users:addNote", args: [{ text: "mine" }] });
    await until(() => intruder.messages.some((m) => m.type === "MutationResponse"));
    const answer = intruder.messages.find((m) => m.type === "MutationResponse")!;
    expect(answer.success).toBe(false);
    expect(answer.result).toContain("Not signed in");
    expect(JSON.stringify(answer)).not.toContain(JSON.stringify(ownerAnswer.result));
    intruder.ws.close();
  });
});
