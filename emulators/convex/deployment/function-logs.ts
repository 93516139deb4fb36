import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { Execution } from "../backend.ts";
import { sendJson } from "../http/io.ts";

/** The backend keeps a bounded history too; `npx convex logs --history n` reads from it. */
const KEPT_EXECUTIONS = 1_000;
/** How long a poll with nothing new waits before answering empty (the CLI polls again at once). */
const LONG_POLL_MS = 25_000;

interface Entry {
  cursor: number;
  json: Record<string, unknown>;
}

/**
 * Function executions for `GET /api/stream_function_logs?cursor=<n>`, the long poll behind
 * `npx convex logs` and `npx convex dev`'s log output. Cursors are this server's sequence
 * numbers: opaque to the CLI, which passes back the `newCursor` it was given.
 */
export class FunctionLogStream {
  private entries: Entry[] = [];
  private next = 1;
  private waiters = new Set<() => void>();

  record(execution: Execution): void {
    this.entries.push({ cursor: this.next++, json: toJson(execution) });
    if (this.entries.length > KEPT_EXECUTIONS) this.entries.splice(0, this.entries.length - KEPT_EXECUTIONS);
    for (const wake of [...this.waiters]) wake();
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const cursor = Number(url.searchParams.get("cursor") ?? "0");
    const after = Number.isFinite(cursor) ? cursor : 0;
    if (!this.hasAfter(after)) await this.waitForEntry(req, res);
    const entries = this.entries.filter((e) => e.cursor > after);
    const newCursor = entries.at(-1)?.cursor ?? Math.max(after, this.next - 1);
    if (!res.destroyed) sendJson(res, 200, { entries: entries.map((e) => e.json), newCursor });
  }

  private hasAfter(cursor: number): boolean {
    return (this.entries.at(-1)?.cursor ?? 0) > cursor;
  }

  /** Resolves on the next execution, after the long-poll time, or when the client goes away. */
  private waitForEntry(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        res.off("close", done);
        resolve();
      };
      const timer = setTimeout(done, LONG_POLL_MS);
      this.waiters.add(done);
      res.on("close", done);
      req.resume();
    });
  }
}

/** The backend's `FunctionExecutionJson` (Completion) shape, which the CLI prints. */
function toJson(e: Execution): Record<string, unknown> {
  const id = randomUUID();
  return {
    kind: "Completion",
    udfType: e.udfType,
    componentPath: null,
    identifier: e.identifier,
    logLines: e.logLines.map((line) => structuredLine(line, e.startedAt)),
    timestamp: e.startedAt / 1000,
    executionTimestamp: e.startedAt / 1000,
    executionTime: e.durationMs / 1000,
    cachedResult: false,
    caller: "local",
    success: null,
    error: e.error,
    requestId: id,
    executionId: id,
    usageStats: {},
    willRetry: false,
    identityType: "unknown",
    environment: "isolate",
  };
}

/** `[LOG] 'text'` (the sync protocol's form) → `{ level: "LOG", messages: ["'text'"] }`. */
function structuredLine(line: string, timestamp: number): Record<string, unknown> {
  const match = /^\[(LOG|INFO|WARN|ERROR|DEBUG)\] ([\s\S]*)$/.exec(line);
  return { level: match?.[1] ?? "LOG", messages: [match?.[2] ?? line], isTruncated: false, timestamp };
}
