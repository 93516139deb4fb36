/**
 * The local Convex under load: N connections (the real `ConvexClient` over `ws`), each signed in
 * as its own user with an AuthKit-shaped token and subscribed to that user's `notes:list`, while W
 * writers add notes as the first W of those users. Measures mutations per second, the time from a
 * writer's acknowledgement to the subscriber of that user seeing the note (p50/p99), timeouts, and
 * the server's memory (it runs in a child process, `convex-load-server.ts`).
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import WebSocket from "ws";
import { serveTestIssuer } from "../../emulators/convex/testing/tokens.ts";

export interface LoadOptions {
  connections: number;
  writers: number;
  seconds: number;
}

export interface LoadFigure extends LoadOptions {
  mutations: number;
  mutationsPerSecond: number;
  /** From a writer's acknowledgement to the same user's subscriber seeing the note. */
  visibleAfterAckMs: { p50: number; p99: number; max: number; samples: number };
  /** Until every subscriber had its first result. */
  connectMs: number;
  timeouts: { firstResult: number; mutation: number; visibility: number };
  mutationErrors: number;
  serverRssMb: { connected: number; peak: number };
  /** The server's CPU time per acknowledged mutation while writing (all its work, divided): what a shared machine's load does not change much. */
  serverCpuMsPerMutation: number;
  /** The same for this process (every client): when it nears a core's worth, the clients, not the server, set the pace. */
  clientCpuMsPerMutation: number;
}

/** What the issue asks of the local Convex; the bench reports any run over them. */
export const CONVEX_LOAD_BUDGETS = { connections: 200, writers: 10, minMutationsPerSecond: 300, maxP99Ms: 100 };
/** The runs `npm run bench` makes: the budget's shape, then 500 connections, which must see no timeouts. */
export const CONVEX_LOAD_RUNS: LoadOptions[] = [
  { connections: 200, writers: 10, seconds: 10 },
  { connections: 500, writers: 10, seconds: 10 },
];

const CLIENT_ID = "client_bench";
const FIRST_RESULT_TIMEOUT_MS = 60_000;
const MUTATION_TIMEOUT_MS = 10_000;
const VISIBILITY_TIMEOUT_MS = 10_000;
const CONNECT_CONCURRENCY = 25;

const list = makeFunctionReference<"query", { paginationOpts: { numItems: number; cursor: string | null } }, { page: { text: string }[] }>("notes:list");
const add = makeFunctionReference<"mutation", { text: string }>("notes:add");

export function overBudget(figures: LoadFigure[]): string[] {
  const over: string[] = [];
  for (const f of figures) {
    const name = `local Convex ${f.connections} connections / ${f.writers} writers`;
    const timeouts = f.timeouts.firstResult + f.timeouts.mutation + f.timeouts.visibility;
    if (timeouts > 0) over.push(`${name}: ${timeouts} timeout(s) (${JSON.stringify(f.timeouts)})`);
    if (f.mutationErrors > 0) over.push(`${name}: ${f.mutationErrors} mutation(s) failed`);
    if (f.connections === CONVEX_LOAD_BUDGETS.connections && f.writers === CONVEX_LOAD_BUDGETS.writers) {
      if (f.mutationsPerSecond < CONVEX_LOAD_BUDGETS.minMutationsPerSecond) over.push(`${name}: ${f.mutationsPerSecond} mutations/s < ${CONVEX_LOAD_BUDGETS.minMutationsPerSecond}`);
      if (f.visibleAfterAckMs.p99 >= CONVEX_LOAD_BUDGETS.maxP99Ms) over.push(`${name}: p99 ${f.visibleAfterAckMs.p99} ms >= ${CONVEX_LOAD_BUDGETS.maxP99Ms} ms`);
    }
  }
  return over;
}

interface ServerProcess {
  url: string;
  usage(): Promise<{ rss: number; cpuMs: number }>;
  stop(): Promise<void>;
}

async function startServer(apiUrl: string): Promise<ServerProcess> {
  const extra = (process.env.BENCH_CONVEX_NODE_OPTIONS ?? "").split(/\s+/).filter(Boolean);
  const child: ChildProcess = fork(fileURLToPath(new URL("./convex-load-server.ts", import.meta.url)), [CLIENT_ID, apiUrl], {
    execArgv: ["--import", "tsx", ...extra],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the bench's local Convex exited with code ${code} before listening`)));
    child.on("message", (m: { url?: string }) => {
      if (m.url) resolve(m.url);
    });
  });
  return {
    url,
    usage: () =>
      new Promise((resolve) => {
        const onMessage = (m: { rss?: number; cpuMs?: number }) => {
          if (m.rss === undefined || m.cpuMs === undefined) return;
          child.off("message", onMessage);
          resolve({ rss: m.rss, cpuMs: m.cpuMs });
        };
        child.on("message", onMessage);
        child.send("rss");
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.send("stop");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function timeout<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms)))]).finally(() => clearTimeout(timer));
}

export async function measureConvexLoad(options: LoadOptions): Promise<LoadFigure> {
  const { connections, writers, seconds } = options;
  if (writers > connections) throw new Error(`--writers (${writers}) must not exceed --connections (${connections}): each writer's user needs a subscriber`);
  // Tokens shaped like AuthKit's access tokens, from a JWKS served where Convex looks for AuthKit's.
  const issuer = await serveTestIssuer({ authKitClientId: CLIENT_ID });
  const server = await startServer(issuer.url);
  const clients: ConvexClient[] = [];
  const newClient = (subject: string) => {
    const client = new ConvexClient(server.url, { webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket, unsavedChangesWarning: false });
    client.setAuth(() => issuer.sign({ sub: subject }, { expiresInSeconds: 3600 }));
    clients.push(client);
    return client;
  };
  let peakRss = 0;
  const sampler = setInterval(() => void server.usage().then(({ rss }) => (peakRss = Math.max(peakRss, rss))), 250);
  try {
    // Per writer: when each note was acknowledged and when its subscriber first saw it.
    const acked = new Map<string, number>();
    const seen = new Map<string, number>();
    const latencies: number[] = [];
    const settle = (text: string) => {
      const ack = acked.get(text);
      const at = seen.get(text);
      if (ack !== undefined && at !== undefined) latencies.push(Math.max(0, at - ack));
    };

    const connectStart = performance.now();
    let firstResultTimeouts = 0;
    for (let start = 0; start < connections; start += CONNECT_CONCURRENCY) {
      const batch = Array.from({ length: Math.min(CONNECT_CONCURRENCY, connections - start) }, (_, k) => start + k);
      await Promise.all(
        batch.map(async (i) => {
          const client = newClient(`bench_user_${i}`);
          const first = new Promise<void>((resolve) => {
            client.onUpdate(list, { paginationOpts: { numItems: 10, cursor: null } }, (result) => {
              resolve();
              const now = performance.now();
              // Newest first, and pages are gapless: stop at the first note seen before.
              for (const note of result.page) {
                if (seen.has(note.text)) break;
                seen.set(note.text, now);
                settle(note.text);
              }
            });
          });
          if ((await timeout(first, FIRST_RESULT_TIMEOUT_MS)) === "timeout") firstResultTimeouts++;
        }),
      );
    }
    const connectMs = performance.now() - connectStart;
    const connected = await server.usage();

    let mutations = 0;
    let mutationTimeouts = 0;
    let mutationErrors = 0;
    const writerClients = Array.from({ length: writers }, (_, j) => newClient(`bench_user_${j}`));
    const started = performance.now();
    const clientCpu = process.cpuUsage();
    const deadline = started + seconds * 1000;
    await Promise.all(
      writerClients.map(async (client, j) => {
        for (let seq = 0; performance.now() < deadline; seq++) {
          const text = `writer ${j} note ${seq}`;
          try {
            if ((await timeout(client.mutation(add, { text }), MUTATION_TIMEOUT_MS)) === "timeout") {
              mutationTimeouts++;
              return;
            }
          } catch (error) {
            mutationErrors++;
            if (mutationErrors === 1) console.error(`a bench mutation failed: ${error instanceof Error ? error.message : String(error)}`);
            continue;
          }
          mutations++;
          acked.set(text, performance.now());
          settle(text);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const written = await server.usage();
    const clientCpuUsed = process.cpuUsage(clientCpu);
    const waitUntil = performance.now() + VISIBILITY_TIMEOUT_MS;
    while ([...acked.keys()].some((text) => !seen.has(text)) && performance.now() < waitUntil) await new Promise((r) => setTimeout(r, 50));
    const visibilityTimeouts = [...acked.keys()].filter((text) => !seen.has(text)).length;

    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      ...options,
      mutations,
      mutationsPerSecond: round(mutations / elapsed),
      visibleAfterAckMs: { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN), samples: sorted.length },
      connectMs: Math.round(connectMs),
      timeouts: { firstResult: firstResultTimeouts, mutation: mutationTimeouts, visibility: visibilityTimeouts },
      mutationErrors,
      serverRssMb: { connected: mb(connected.rss), peak: mb(Math.max(peakRss, connected.rss)) },
      serverCpuMsPerMutation: round((written.cpuMs - connected.cpuMs) / Math.max(1, mutations)),
      clientCpuMsPerMutation: round((clientCpuUsed.user + clientCpuUsed.system) / 1000 / Math.max(1, mutations)),
    };
  } finally {
    clearInterval(sampler);
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
    await issuer.close();
  }
}

export function printLoadTable(figures: LoadFigure[]): void {
  console.log("\nLocal Convex under load (notes:list per user, notes:add writers)");
  console.log("connections  writers  mutations/s  p50 ms  p99 ms  max ms  timeouts  errors  RSS MB (connected/peak)  connect ms  CPU ms/mutation (server/clients)");
  for (const f of figures) {
    const timeouts = f.timeouts.firstResult + f.timeouts.mutation + f.timeouts.visibility;
    console.log(
      [
        String(f.connections).padStart(11),
        String(f.writers).padStart(8),
        String(f.mutationsPerSecond).padStart(12),
        String(f.visibleAfterAckMs.p50).padStart(7),
        String(f.visibleAfterAckMs.p99).padStart(7),
        String(f.visibleAfterAckMs.max).padStart(7),
        String(timeouts).padStart(9),
        String(f.mutationErrors).padStart(7),
        `${f.serverRssMb.connected}/${f.serverRssMb.peak}`.padStart(24),
        String(f.connectMs).padStart(11),
        `${f.serverCpuMsPerMutation}/${f.clientCpuMsPerMutation}`.padStart(32),
      ].join(" "),
    );
  }
}
