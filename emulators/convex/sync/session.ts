import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import type { Backend, CallResult, Change } from "../backend.ts";
import type { ReadSet } from "../reads.ts";
import type { Commit } from "../runtime.ts";
import type { TokenVerifier } from "../auth/verify.ts";
import { CLOSE_TRY_AGAIN_LATER, SYNC_MAX_INFLIGHT_ACTIONS, SYNC_MAX_QUERIES, SYNC_MAX_WAITING_MUTATIONS } from "../limits.ts";
import { serverLog } from "../logs.ts";
import type { MutationAnswers, MutationOutcome } from "./answers.ts";
import { SessionIdentity } from "./identity.ts";
import { convexJsonText } from "./json-text.ts";
import { argsWithJournal, journalFrom } from "./journal.ts";
import { encodeTs, encodeVersion, parseIncoming, type Incoming, type Outgoing, type StateModification, type StateVersion } from "./protocol.ts";

interface Subscription {
  udfPath: string;
  componentPath?: string;
  args: Record<string, Value>;
  /** Why the args could not be decoded: the query then fails, not the socket. */
  argsError?: string;
  journal: string | null;
  /** Hash of the last result sent, so unchanged results are not sent again. */
  lastSent: string | null;
  /** What its last run read; null = it must run (never ran, new identity, or a run that tells nothing, like a timeout). */
  reads: ReadSet | null;
}


export interface SessionDeps {
  backend: Backend;
  verifier: TokenVerifier;
  adminKey: string;
  /** Shared by all sockets and persisted with the data, so re-sent mutations are not run twice. */
  answers: MutationAnswers;
  hooks: SyncHooks;
}

export interface SyncHooks {
  /** Tests: awaited before a mutation runs (to drop the connection while it is in flight). */
  beforeMutationRun?: (udfPath: string) => Promise<void> | void;
  /** Tests: called after a mutation committed and before its answer is sent; return "drop" to close the socket instead. */
  beforeMutationResponse?: (udfPath: string) => "drop" | void;
  /** Tests: awaited after each subscribed query's run, before its reads are kept (to count runs, or to commit in between). */
  afterQueryRun?: (udfPath: string, args: Record<string, Value>) => Promise<void> | void;
}


/** One WebSocket: its query set, identity and the versions it has been sent. */
export class SyncSession {
  private sessionId = "(not connected)";
  private sent: StateVersion = { querySet: 0, identity: 0, ts: 0n };
  private querySetVersion = 0;
  private queries = new Map<number, Subscription>();
  private readonly who: SessionIdentity;
  private queue: Promise<void> = Promise.resolve();
  private refreshQueued = false;
  /** Every commit up to `seenTs` (within backend generation `seenGeneration`) has been checked against every query's reads. */
  private seenTs = 0n;
  private seenGeneration = -1;
  /** A Transition must go out even with nothing in it: the client waits for its mutation's timestamp. */
  private owesTransition = false;
  private clockSkew: number | undefined;
  private closed = false;
  /** Received and not yet answered: the running one and those queued behind it. */
  private mutationsInFlight = 0;
  private actionsInFlight = 0;
  /** The socket holds this tick's frames until the tick ends (see `write`). */
  private corked = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: SessionDeps,
    /** The WebSocket's own connection, to write a tick's frames in one go. */
    private readonly socket: Pick<Duplex, "cork" | "uncork">,
  ) {
    this.who = new SessionIdentity(deps.verifier, deps.adminKey);
  }

  onMessage(text: string): void {
    let msg: Incoming;
    try {
      msg = parseIncoming(text);
    } catch (error) {
      // The backend refuses a frame it cannot parse as a client message with a FatalError ("WSMessageInvalidJson"), and the client gives up.
      this.fatalError(`WSMessageInvalidJson: Received Invalid JSON on websocket: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    switch (msg.type) {
      case "Connect":
        this.sessionId = msg.sessionId;
        if (typeof msg.clientTs === "number") this.clockSkew = msg.clientTs - Date.now();
        return;
      case "ModifyQuerySet":
        this.enqueue(() => this.modifyQuerySet(msg));
        return;
      case "Authenticate":
        this.enqueue(() => this.authenticate(msg));
        return;
      case "Mutation":
        if (this.mutationsInFlight > SYNC_MAX_WAITING_MUTATIONS) {
          this.overloaded("TooManyConcurrentMutations", `Too many concurrent mutations. Only up to ${SYNC_MAX_WAITING_MUTATIONS} pending mutations allowed on a single websocket.`);
          return;
        }
        this.mutationsInFlight += 1;
        this.enqueue(() => this.mutation(msg).finally(() => (this.mutationsInFlight -= 1)));
        return;
      case "Action":
        if (this.actionsInFlight > SYNC_MAX_INFLIGHT_ACTIONS) {
          this.overloaded("TooManyInflightActionsForSingleClient", `Inflight actions overloaded for a single client, max concurrency: ${SYNC_MAX_INFLIGHT_ACTIONS}`);
          return;
        }
        // Actions run concurrently, as on the backend; only mutations are serialized.
        this.actionsInFlight += 1;
        void this.action(msg)
          .catch((error: unknown) => this.fail(error))
          .finally(() => (this.actionsInFlight -= 1));
        return;
      case "Event":
        return;
    }
  }

  /**
   * Something may have changed: re-run the queries it may change and send what changed.
   * Coalesced. A commit touching no query's reads queues nothing (the next transition still
   * checks it, from the backend's log); no `change` means this session's own mutation
   * committed, and a Transition is sent even if no result changed.
   */
  refresh(change?: Change): void {
    if (this.closed) return;
    if (change === undefined) this.owesTransition = true;
    else if (change.kind === "commit" && !this.touchedBy(change.commit)) return;
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    this.enqueue(async () => {
      this.refreshQueued = false;
      await this.transition();
    });
  }

  /** Closes the socket from the server side (tests simulate a dropped connection with it). */
  drop(code = 1011, reason = "closed by the local Convex"): void {
    this.closed = true;
    this.ws.close(code, reason);
  }

  onClose(): void {
    this.closed = true;
  }

  private enqueue(job: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.closed) return;
      try {
        await job();
      } catch (error) {
        this.fail(error);
      }
    });
  }

  private send(msg: Outgoing): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) {
      if (msg.type === "MutationResponse" || msg.type === "ActionResponse") {
        serverLog(`sync ${this.sessionId}: client left before request ${msg.requestId} finished; ${msg.type === "MutationResponse" ? "its result is kept for a reconnect" : "the action's result is dropped"}`);
      }
      return;
    }
    this.write(JSON.stringify(msg));
  }

  /**
   * Sends a frame; the frames sent in one tick leave in one write. A mutation's answer and the
   * Transition that follows it (computed in the same tick when nothing needs re-running) then
   * cost one system call instead of one each.
   */
  private write(frame: string): void {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.ws.send(frame);
  }

  private fail(error: unknown): void {
    serverLog(`sync ${this.sessionId}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    this.drop(1011, "InternalServerError");
  }

  /**
   * A client error the backend answers with `FatalError` before closing (a bad request, not to be
   * retried): the client logs `[CONVEX FATAL ERROR]` and stops reconnecting.
   */
  private fatalError(message: string): void {
    serverLog(`sync ${this.sessionId}: protocol error, closing the socket with FatalError: ${message}`);
    this.send({ type: "FatalError", error: message });
    this.drop(1002, "Protocol error");
  }

  /**
   * Past a per-socket cap the backend closes with 1013 and a reason the client knows; the client
   * reconnects after a backoff and re-sends its unanswered mutations.
   */
  private overloaded(reason: string, message: string): void {
    serverLog(`sync ${this.sessionId}: ${message} Closing the socket (${reason}).`);
    this.drop(CLOSE_TRY_AGAIN_LATER, reason);
  }

  private protocolError(message: string): void {
    serverLog(`sync ${this.sessionId}: protocol error, closing the socket: ${message}`);
    this.drop(1002, `Protocol error: ${message}`.slice(0, 120));
  }

  private async modifyQuerySet(msg: Extract<Incoming, { type: "ModifyQuerySet" }>): Promise<void> {
    if (msg.baseVersion !== this.querySetVersion) {
      this.fatalError(`BaseVersionMismatch: Base version ${msg.baseVersion} passed up doesn't match the current version ${this.querySetVersion}`);
      return;
    }
    const added = msg.modifications.filter((mod) => mod.type === "Add" && !this.queries.has(mod.queryId)).length;
    const removing = msg.modifications.filter((mod) => mod.type === "Remove" && this.queries.has(mod.queryId)).length;
    if (this.queries.size + added - removing > SYNC_MAX_QUERIES) {
      this.fatalError(`TooManyQueries: a connection may subscribe to at most ${SYNC_MAX_QUERIES} queries on the local Convex (this query set would hold ${this.queries.size + added - removing}).`);
      return;
    }
    const removed: StateModification[] = [];
    for (const mod of msg.modifications) {
      if (mod.type === "Add") {
        const decoded = decodeArgs(mod.args);
        this.queries.set(mod.queryId, {
          udfPath: mod.udfPath,
          componentPath: mod.componentPath,
          ...(decoded.ok ? { args: decoded.args } : { args: {}, argsError: decoded.errorMessage }),
          journal: mod.journal ?? null,
          lastSent: null,
          reads: null,
        });
      } else if (mod.type === "Remove") {
        this.queries.delete(mod.queryId);
        removed.push({ type: "QueryRemoved", queryId: mod.queryId });
      } else {
        this.fatalError(`WSMessageInvalidJson: unknown query set modification ${(mod as { type: string }).type}`);
        return;
      }
    }
    this.querySetVersion = msg.newVersion;
    await this.transition(removed);
  }

  private async authenticate(msg: Extract<Incoming, { type: "Authenticate" }>): Promise<void> {
    if (msg.baseVersion !== this.who.version) {
      this.protocolError(`Authenticate baseVersion ${msg.baseVersion} does not match the server's ${this.who.version}`);
      return;
    }
    const refused = await this.who.apply(msg);
    if (refused !== null) {
      serverLog(`sync ${this.sessionId}: token refused: ${refused}`);
      this.authError(refused, true);
      return;
    }
    // Every query is re-run under the new identity, and the Transition confirms it to the client.
    for (const query of this.queries.values()) {
      query.lastSent = null;
      query.reads = null;
    }
    await this.transition();
  }

  /** An identity found expired when running functions ends the connection, as on the backend. */
  private identityExpired(): boolean {
    if (!this.who.expired()) return false;
    this.authError("Convex token identity expired", false);
    return true;
  }

  private authError(error: string, authUpdateAttempted: boolean): void {
    this.send({ type: "AuthError", error, baseVersion: this.who.version, authUpdateAttempted });
    this.drop(1000, "AuthError");
  }

  private async mutation(msg: Extract<Incoming, { type: "Mutation" }>): Promise<void> {
    // Scoped to the caller, so a socket that reuses another client's session id never receives its answers.
    const key = `${this.who.scope()}|${this.sessionId}:${msg.requestId}`;
    const earlier = this.deps.answers.get(key);
    if (earlier) {
      const outcome = await earlier;
      this.send(outcome);
      if (outcome.success) this.refresh();
      return;
    }
    if (this.identityExpired()) return;
    const running = this.runMutation(msg, key);
    this.deps.answers.record(key, running);
    const response = await running;
    if (this.deps.hooks.beforeMutationResponse?.(msg.udfPath) === "drop") {
      serverLog(`sync ${this.sessionId}: dropping the connection before answering mutation ${msg.requestId} (test hook)`);
      this.drop();
      return;
    }
    this.send(response);
    if (response.success) this.refresh();
  }

  private async runMutation(msg: Extract<Incoming, { type: "Mutation" }>, key: string): Promise<MutationOutcome> {
    await this.deps.hooks.beforeMutationRun?.(msg.udfPath);
    const decoded = decodeArgs(msg.args);
    if (!decoded.ok) return { type: "MutationResponse", requestId: msg.requestId, success: false, result: decoded.errorMessage, logLines: [] };
    const result = await this.deps.backend.call({
      udfPath: msg.udfPath,
      args: decoded.args,
      expect: "mutation",
      componentPath: msg.componentPath,
      identity: this.who.user,
      internalAllowed: this.who.admin,
      // Kept with the commit, so a re-send after a crash finds it.
      answer: { key, of: (ran) => mutationOutcome(msg.requestId, ran) as unknown as JSONValue },
    });
    return mutationOutcome(msg.requestId, result);
  }

  private async action(msg: Extract<Incoming, { type: "Action" }>): Promise<void> {
    if (this.identityExpired()) return;
    const decoded = decodeArgs(msg.args);
    if (!decoded.ok) {
      this.send({ type: "ActionResponse", requestId: msg.requestId, success: false, result: decoded.errorMessage, logLines: [] });
      return;
    }
    const result = await this.deps.backend.call({
      udfPath: msg.udfPath,
      args: decoded.args,
      expect: "action",
      componentPath: msg.componentPath,
      identity: this.who.user,
      internalAllowed: this.who.admin,
    });
    this.send(
      result.ok
        ? { type: "ActionResponse", requestId: msg.requestId, success: true, result: toJson(result.value), logLines: result.logLines }
        : { type: "ActionResponse", requestId: msg.requestId, success: false, result: result.errorMessage, logLines: result.logLines, ...errorData(result.errorData) },
    );
  }

  /**
   * Sends one Transition from the last version sent to now. The queries that a commit since the
   * last transition may have changed are re-run (all of them after a change that is not a
   * commit, or when the backend's log no longer reaches back far enough), each at a snapshot at
   * least as new as `ts`; only results that changed are sent, and nothing at all when nothing
   * changed and the client is owed nothing.
   */
  private async transition(extra: StateModification[] = []): Promise<void> {
    if (this.queries.size > 0 && this.identityExpired()) return;
    const backend = this.deps.backend;
    const generation = backend.generation;
    const ts = backend.lastCommitTs();
    const commits = generation === this.seenGeneration ? backend.commitsAfter(this.seenTs) : null;
    this.seenGeneration = generation;
    if (ts > this.seenTs) this.seenTs = ts;
    // Modifications as JSON text: a query's result is serialized once, to compare it with the last one sent and to send it.
    const modifications: string[] = extra.map((m) => JSON.stringify(m));
    for (const [queryId, query] of [...this.queries]) {
      if (!isStale(query, commits)) continue;
      const update = await this.runQuery(queryId, query);
      if (this.queries.get(queryId) !== query) continue;
      if (update !== null) modifications.push(update);
    }
    const end: StateVersion = {
      querySet: this.querySetVersion,
      identity: this.who.version,
      ts: ts > this.sent.ts ? ts : this.sent.ts,
    };
    const news = modifications.length > 0 || end.querySet !== this.sent.querySet || end.identity !== this.sent.identity;
    if (!news && !this.owesTransition) return;
    this.owesTransition = false;
    if (!this.closed && this.ws.readyState === this.ws.OPEN) {
      const skew = this.clockSkew === undefined ? "" : `,"clientClockSkew":${JSON.stringify(this.clockSkew)}`;
      // The shape of `Outgoing`'s Transition, written out so the modifications' JSON is reused.
      this.write(`{"type":"Transition","startVersion":${JSON.stringify(encodeVersion(this.sent))},"endVersion":${JSON.stringify(encodeVersion(end))},"modifications":[${modifications.join(",")}]${skew}}`);
    }
    this.sent = end;
  }

  /** Whether `commit` may change a query of this session (a commit a transition already checked cannot). Runs for every socket on every commit. */
  private touchedBy(commit: Commit): boolean {
    if (commit.ts <= this.seenTs) return false;
    for (const query of this.queries.values()) if (query.reads === null || query.reads.mayChange(commit)) return true;
    return false;
  }

  /** Runs one subscribed query; its modification as JSON text, or null when the result is the one last sent. */
  private async runQuery(queryId: number, query: Subscription): Promise<string | null> {
    const result: CallResult =
      query.argsError === undefined
        ? await this.deps.backend.call({
            udfPath: query.udfPath,
            args: query.args,
            argsFor: (fn) => argsWithJournal(query.args, query.journal, fn),
            componentPath: query.componentPath,
            expect: "query",
            identity: this.who.user,
            internalAllowed: this.who.admin,
            trackReads: true,
          })
        : { ok: false, errorMessage: query.argsError, logLines: [] };
    await this.deps.hooks.afterQueryRun?.(query.udfPath, query.args);
    // A failed run's reads so far count, as on Convex (the function got that far from what it
    // read); a timed-out run's do not, as running longer or shorter is not about the data.
    query.reads = (result.ok || !result.timedOut) && result.reads?.snapshotTs != null ? result.reads : null;
    let json: string;
    if (result.ok) {
      query.journal = journalFrom(query.args, query.journal, result.value);
      // The shape of a `QueryUpdated` modification, written out so the result is serialized in one pass.
      json = `{"type":"QueryUpdated","queryId":${queryId},"value":${convexJsonText(result.value)},"logLines":${JSON.stringify(result.logLines)},"journal":${JSON.stringify(query.journal)}}`;
    } else {
      const update: StateModification = { type: "QueryFailed", queryId, errorMessage: result.errorMessage, logLines: result.logLines, journal: query.journal, ...errorData(result.errorData) };
      json = JSON.stringify(update);
    }
    if (json === query.lastSent) return null;
    query.lastSent = json;
    return json;
  }
}

/** Whether a query must run again: it has no usable reads, the commits since are not all known (null), or one of them may change what it read. */
function isStale(query: Subscription, commits: Commit[] | null): boolean {
  const reads = query.reads;
  return reads === null || commits === null || commits.some((commit) => reads.mayChange(commit));
}

function toJson(value: Value): JSONValue {
  return convexToJson(value);
}

function errorData(data: JSONValue | undefined): { errorData?: JSONValue } {
  return data === undefined ? {} : { errorData: data };
}

function mutationOutcome(requestId: number, result: CallResult): MutationOutcome {
  return result.ok
    ? { type: "MutationResponse", requestId, success: true, result: toJson(result.value), ts: encodeTs(result.ts), logLines: result.logLines }
    : { type: "MutationResponse", requestId, success: false, result: result.errorMessage, logLines: result.logLines, ...errorData(result.errorData) };
}

/** Args arrive as a one-element array of `convexToJson` values; a client that sends others gets a failed request, not a closed socket. */
function decodeArgs(args: JSONValue[]): { ok: true; args: Record<string, Value> } | { ok: false; errorMessage: string } {
  try {
    const value = jsonToConvex(args[0] ?? {});
    if (typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof ArrayBuffer)) return { ok: true, args: value as Record<string, Value> };
    return { ok: false, errorMessage: "Invalid args: the function's arguments must be an object" };
  } catch (error) {
    return { ok: false, errorMessage: `Invalid args: ${error instanceof Error ? error.message : String(error)}` };
  }
}
