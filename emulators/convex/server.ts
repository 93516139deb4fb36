import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { loadProviders } from "./auth/config.ts";
import { mapIssuers } from "./auth/issuer-map.ts";
import { TokenVerifier } from "./auth/verify.ts";
import { Backend } from "./backend.ts";
import { resolveOptions, type ConvexOptions } from "./config.ts";
import { applyToProcessEnv } from "./deployment/process-env.ts";
import { EnvStore } from "./deployment/env-store.ts";
import { SnapshotExports } from "./deployment/export.ts";
import { FunctionLogStream } from "./deployment/function-logs.ts";
import { SnapshotImports } from "./deployment/import.ts";
import { PushCoordinator } from "./deployment/push/push.ts";
import { handleApi } from "./http/api.ts";
import { handleSite } from "./http/site.ts";
import { badTargetMessage, parseRequestTarget } from "./http/target.ts";
import { formatSize, SYNC_MAX_MESSAGE_BYTES } from "./limits.ts";
import { holdProcessHooks, serverLog } from "./logs.ts";
import { resetData } from "./persistence.ts";
import { MutationAnswers } from "./sync/answers.ts";
import { SyncSession, type SessionDeps, type SyncHooks } from "./sync/session.ts";
import { systemFunctions } from "./system.ts";

export type { ConvexOptions } from "./config.ts";

/** The backend's heartbeat; the client reconnects after 60 s of silence. */
const PING_INTERVAL_MS = 15_000;
const SYNC_PATH = /^\/api\/(?:[^/]+\/)?sync$/;

export interface LocalConvex {
  /** `http://127.0.0.1:<port>`: give it to ConvexReactClient / ConvexClient. */
  url: string;
  /** HTTP actions origin, `http://127.0.0.1:<sitePort>`. */
  siteUrl: string;
  adminKey: string;
  close(): Promise<void>;
}

/** Test-only controls, beyond the contract's `LocalConvex`. */
export interface LocalConvexForTests extends LocalConvex {
  /** Closes every client socket from the server side, as a network drop would. */
  dropConnections(): void;
  hooks: SyncHooks;
  /** Re-reads convex/ now (the watcher does this on its own; tests use it to avoid waiting). */
  reloadSchema(): Promise<void>;
}

/** Starts the local Convex: sync + HTTP API on `port`, HTTP actions on `sitePort`. */
export async function startConvex(o: ConvexOptions): Promise<LocalConvex> {
  const { url, siteUrl, adminKey, close } = await startConvexForTests(o);
  return { url, siteUrl, adminKey, close };
}

/** `startConvex` plus controls the conformance tests use to simulate faults. */
export async function startConvexForTests(o: ConvexOptions): Promise<LocalConvexForTests> {
  const options = resolveOptions(o);
  const releaseProcessHooks = holdProcessHooks(options.log, options.routineLog);
  // Functions and auth.config.ts read the deployment's variables from process.env; `npx convex env` changes them.
  const env = EnvStore.open(options.dataDir, options.env);
  applyToProcessEnv(env.toRecord());
  if (o.reset && options.dataDir !== null) {
    resetData(options.dataDir);
    serverLog(`reset: removed the documents in ${options.dataDir}`);
  }
  const backend = await Backend.open({
    convexDir: options.convexDir,
    dataDir: options.dataDir,
    watch: options.watch,
    functionTimeoutMs: options.functionTimeoutMs,
    actionTimeoutMs: options.actionTimeoutMs,
  }).catch((error: unknown) => {
    releaseProcessHooks();
    throw error;
  });
  const verifier = new TokenVerifier(async () => mapIssuers(await loadProviders(backend.modules), options.issuerMap));
  for (const [from, to] of Object.entries(options.issuerMap)) serverLog(`auth.config.ts: issuers, JWKS URLs and domains under ${from} are read as ${to}`);
  // The backend refuses to deploy a broken auth.config.ts; here it is said up front and every token is refused.
  await loadProviders(backend.modules).catch((error: unknown) =>
    serverLog(`auth.config.ts cannot be used, so every token will be refused: ${error instanceof Error ? error.message : String(error)}`),
  );
  let urls = { convexCloudUrl: "", convexSiteUrl: "" };
  const exports = new SnapshotExports(backend);
  // An import's state is answered by a system function, which records no reads: its subscribers must hear when it changes.
  const imports = new SnapshotImports(backend, () => backend.invalidate());
  backend.serveSystemFunctions(systemFunctions({ backend, env, exports, imports, cloudUrl: () => urls.convexCloudUrl }));
  const logs = new FunctionLogStream();
  backend.onExecution((execution) => logs.record(execution));
  const hooks: SyncHooks = {};
  const answers = new MutationAnswers(backend.savedAnswers());
  const sessionDeps: SessionDeps = { backend, verifier, adminKey: options.adminKey, answers, hooks };
  const sessions = new Set<SyncSession>();
  backend.onChange((change) => {
    for (const session of sessions) session.refresh(change);
  });
  env.onChange((changed) => {
    applyToProcessEnv(env.toRecord(), changed);
    serverLog(`environment variables changed (${changed.join(", ")}): modules and auth.config.ts are evaluated again`);
    // As on a deployment, code runs fresh with the new values: module-level reads of process.env and the auth providers too.
    backend.modules.invalidateAll();
    void loadProviders(backend.modules).catch((error: unknown) =>
      serverLog(`auth.config.ts cannot be used with the new values, so every token will be refused: ${error instanceof Error ? error.message : String(error)}`),
    );
    backend.invalidate();
  });

  const push = new PushCoordinator(backend, env, options.dataDir);
  const deployment = { backend, verifier, adminKey: options.adminKey, env, logs, push, exports, imports, urls: () => urls };
  const api = createServer((req, res) => void handleApi(req, res, { backend, verifier, adminKey: options.adminKey, instanceName: "local-convex", deployment }));
  // A bigger message is refused by closing with 1009 before it is buffered: no client holds the server's memory.
  const wss = new WebSocketServer({ noServer: true, maxPayload: SYNC_MAX_MESSAGE_BYTES });
  api.on("upgrade", (req, socket, head) => {
    const url = parseRequestTarget(req.url);
    if (url === null) {
      serverLog(`sync upgrade refused with 400: ${badTargetMessage(req)}`);
      refuseUpgrade(socket, "400 Bad Request");
      return;
    }
    if (!SYNC_PATH.test(url.pathname)) {
      refuseUpgrade(socket, "404 Not Found");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, socket));
  });
  wss.on("connection", (ws: WebSocket, socket: Duplex) => {
    const session = new SyncSession(ws, sessionDeps, socket);
    sessions.add(session);
    ws.on("message", (data, isBinary) => {
      if (isBinary) {
        serverLog("sync: binary frame refused; the protocol uses JSON text frames");
        session.drop(1003, "Binary frames are not supported");
        return;
      }
      session.onMessage(data.toString());
    });
    ws.on("close", () => {
      session.onClose();
      sessions.delete(session);
    });
    ws.on("error", (error: Error & { code?: string }) => {
      if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
        serverLog(`sync: a client sent a message over ${formatSize(SYNC_MAX_MESSAGE_BYTES)}, the most Convex accepts; closed its socket with 1009`);
      } else {
        serverLog(`sync socket error: ${error.message}`);
      }
    });
  });
  const ping = setInterval(() => {
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(JSON.stringify({ type: "Ping" }));
  }, PING_INTERVAL_MS);
  ping.unref();

  const site = createServer((req, res) => void handleSite(req, res, { backend, verifier, adminKey: options.adminKey }));
  try {
    await listen(api, options.port, options.host);
    await listen(site, options.sitePort, options.host);
  } catch (error) {
    api.close();
    await backend.close();
    releaseProcessHooks();
    throw error;
  }
  const url = `http://${options.host}:${(api.address() as AddressInfo).port}`;
  const siteUrl = `http://${options.host}:${(site.address() as AddressInfo).port}`;
  urls = { convexCloudUrl: url, convexSiteUrl: siteUrl };
  serverLog(`local Convex for ${options.convexDir} at ${url} (HTTP actions ${siteUrl}); data: ${options.dataDir ?? "in memory"}`);
  serverLog(`admin key: ${options.adminKey}`);

  let closing: Promise<void> | null = null;
  return {
    url,
    siteUrl,
    adminKey: options.adminKey,
    hooks,
    dropConnections: () => {
      for (const session of sessions) session.drop();
    },
    reloadSchema: () => backend.rebuild("a reload was requested"),
    close: () =>
      (closing ??= (async () => {
        clearInterval(ping);
        for (const client of wss.clients) client.terminate();
        wss.close();
        await Promise.all([closeServer(api), closeServer(site)]);
        await backend.close();
        await push.close();
        releaseProcessHooks();
      })()),
  };
}

/**
 * Answers an upgrade request that will not become a WebSocket and closes its socket. Node stops
 * watching an upgrade socket's errors once it hands it over, so one is watched here: a client
 * resetting the connection must not end the process.
 */
function refuseUpgrade(socket: Duplex, status: string): void {
  socket.on("error", (error) => serverLog(`sync upgrade: socket error while refusing it (${status}): ${error.message}`));
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" ? new Error(`Port ${port} on ${host} is in use: stop the other server or choose another port (--port/--site-port)`) : error);
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
