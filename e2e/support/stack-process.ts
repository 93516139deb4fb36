/**
 * One local stack plus the app served against it, in its own process (run by tsx, exactly as
 * `npm run dev` runs the emulators). The browser tests drive it through `app-stack.ts`:
 * options as JSON in argv, then one command per stdin line, answered on stdout with `@@` lines.
 * Everything else it prints goes to its log file, which is kept with the test results.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { startAuthKit } from "../../emulators/authkit/server.ts";
import { startConvex } from "../../emulators/convex/server.ts";
import { freePort, waitForPort } from "../../emulators/dev/ports.ts";
import { startLocalStack } from "../../emulators/stack.ts";
import type { StackCommand, StackProcessOptions } from "./stack-protocol.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
// The environment as it was before the emulators started (the local Convex loads functions
// through Vite, which sets NODE_ENV=development in this process; a build must not inherit that).
const launchEnv = { ...process.env };
const options = JSON.parse(process.argv[2] ?? "{}") as StackProcessOptions;
const logFile = createWriteStream(options.logFile, { flags: "a" });
const log = (line: string) => logFile.write(`${new Date().toISOString()} ${line}\n`);
const reply = (line: string) => process.stdout.write(`@@${line}\n`);

const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};

type Running<T extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<T>> | undefined;
let authkit: Running<typeof startAuthKit>;
let convex: Running<typeof startConvex>;
let app: ChildProcess | undefined;
let stopping = false;

process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
// The test runner's end of stdin closing (even if it crashed) means nobody needs this stack.
const lines = readline.createInterface({ input: process.stdin });
lines.on("close", () => void shutdown());

const appPort = await freePort();
const appOrigin = `http://localhost:${appPort}`;
const stack = await startLocalStack({
  appOrigin,
  authkitPort: 0,
  convexPort: 0,
  sitePort: 0,
  dataDir: options.persistent ? tempDir("e2e-stack-") : null,
  accessTokenTtlSeconds: options.accessTokenTtlSeconds,
  devMode: options.devMode,
  convexDir: path.join(root, "convex"),
  watch: false,
  log,
});
authkit = stack.authkit;
convex = stack.convex;

// Every app variable is set, empty when unused, so a developer's own .env.local cannot leak in.
const appEnv: Record<string, string> = {
  VITE_WORKOS_CLIENT_ID: "",
  VITE_WORKOS_REDIRECT_URI: "",
  VITE_WORKOS_API_HOSTNAME: "",
  VITE_WORKOS_API_PORT: "",
  VITE_WORKOS_API_HTTPS: "",
  VITE_WORKOS_DEV_MODE: "",
  VITE_CONVEX_URL: "",
  ...stack.viteEnv,
};
const vite = path.join(root, "node_modules", ".bin", "vite");
if (options.server === "preview") {
  const outDir = options.outDir ?? tempDir("e2e-build-");
  await run(vite, ["build", "--outDir", outDir, "--emptyOutDir", "--manifest", "--logLevel", "warn"]);
  app = serve(vite, ["preview", "--outDir", outDir, "--port", String(appPort), "--strictPort"]);
} else {
  app = serve(vite, ["--port", String(appPort), "--strictPort"]);
}
await waitForPort(appPort, 60_000);
reply(`ready ${JSON.stringify({ appUrl: appOrigin, authkitUrl: stack.authkit.url, authkitApiKey: stack.authkit.apiKey, convexUrl: stack.convex.url, viteEnv: stack.viteEnv })}`);

function childEnv() {
  return { ...launchEnv, ...appEnv, FORCE_COLOR: "0" };
}

function serve(bin: string, args: string[]): ChildProcess {
  const child = spawn(bin, args, { cwd: root, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => log(`[app] ${d.toString().trimEnd()}`));
  child.stderr?.on("data", (d: Buffer) => log(`[app] ${d.toString().trimEnd()}`));
  child.on("exit", (code) => log(`[app] exited with ${code}`));
  return child;
}

function run(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = serve(bin, args);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} ${args[0]} exited with ${code}`))));
  });
}

async function handle(command: StackCommand): Promise<void> {
  switch (command) {
    case "stop-convex":
      await convex?.close();
      convex = undefined;
      return;
    case "start-convex":
      convex ??= await startConvex(stack.convexOptions);
      return;
    case "stop-authkit":
      await authkit?.close();
      authkit = undefined;
      return;
    case "start-authkit":
      authkit ??= await startAuthKit(stack.authkitOptions);
      return;
  }
}

async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (app && app.exitCode === null && app.signalCode === null) {
    const server = app;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await Promise.allSettled([convex?.close(), authkit?.close()]);
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  logFile.end(() => process.exit(0));
}

lines.on("line", (line) => {
  const { id, command } = JSON.parse(line) as { id: number; command: StackCommand };
  log(`[stack] ${command}`);
  handle(command).then(
    () => reply(`done ${JSON.stringify({ id })}`),
    (error: unknown) => reply(`done ${JSON.stringify({ id, error: error instanceof Error ? error.message : String(error) })}`),
  );
});
