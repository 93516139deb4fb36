import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import type { StackCommand, StackProcessOptions, StackUrls } from "./stack-protocol.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** Stack logs (both emulators and the app server) land beside the other test results. */
export const STACK_LOG_DIR = path.join(root, "test-results", "e2e-logs");

/** A running local stack and app server, on free ports, that a test can also disrupt. */
export interface AppStack extends StackUrls {
  logFile: string;
  stopConvex(): Promise<void>;
  startConvex(): Promise<void>;
  stopAuthKit(): Promise<void>;
  startAuthKit(): Promise<void>;
  close(): Promise<void>;
}

export type AppStackOptions = Omit<StackProcessOptions, "logFile"> & { name: string };

/**
 * Starts `stack-process.ts` under tsx and resolves when the app answers. Startup includes
 * `vite build` in preview mode, so allow a minute or two.
 */
export async function startAppStack({ name, ...options }: AppStackOptions): Promise<AppStack> {
  mkdirSync(STACK_LOG_DIR, { recursive: true });
  const logFile = path.join(STACK_LOG_DIR, `${name}.log`);
  const child = spawn(
    path.join(root, "node_modules", ".bin", "tsx"),
    [path.join(root, "e2e", "support", "stack-process.ts"), JSON.stringify({ ...options, logFile })],
    { cwd: root, stdio: ["pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));

  const pending = new Map<number, { resolve(): void; reject(e: Error): void }>();
  const ready = new Promise<StackUrls>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (line.startsWith("@@ready ")) resolve(JSON.parse(line.slice(8)) as StackUrls);
      if (line.startsWith("@@done ")) {
        const { id, error } = JSON.parse(line.slice(7)) as { id: number; error?: string };
        const waiter = pending.get(id);
        pending.delete(id);
        if (error) waiter?.reject(new Error(`Stack "${name}": ${error} (log: ${logFile})`));
        else waiter?.resolve();
      }
    });
    child.on("exit", (code) => {
      const why = new Error(`Stack "${name}" exited with ${code} before it was closed. Its log: ${logFile}\n${stderr}`);
      reject(why);
      for (const waiter of pending.values()) waiter.reject(why);
      pending.clear();
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const urls = await ready;

  let nextId = 1;
  const send = (command: StackCommand) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.stdin?.write(`${JSON.stringify({ id, command })}\n`);
    });

  return {
    ...urls,
    logFile,
    stopConvex: () => send("stop-convex"),
    startConvex: () => send("start-convex"),
    stopAuthKit: () => send("stop-authkit"),
    startAuthKit: () => send("start-authkit"),
    close: () => stop(child, exited),
  };
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // Closing stdin asks the stack to shut down cleanly; SIGKILL only if it does not.
  child.stdin?.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}
