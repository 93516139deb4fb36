import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./harness.ts";

export interface ConvexProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** `kill -9`: no shutdown code runs, as in a crash or a power cut. */
  crash(): Promise<void>;
  /** SIGTERM: the server's own shutdown (final save) runs. */
  stop(): Promise<void>;
}

export interface ConvexProcessOptions {
  convexDir: string;
  dataDir: string;
  port: number;
  sitePort: number;
  env?: Record<string, string>;
  /** How long to wait for `GET /version` to answer. */
  readyTimeoutMs?: number;
}

/**
 * The local Convex as a separate process started the way a developer starts it (`cli.ts`), so a
 * test can kill it without any of its shutdown code running. Resolves once it answers HTTP.
 */
export async function startConvexProcess(options: ConvexProcessOptions): Promise<ConvexProcess> {
  const args = ["--import", "tsx", path.join(repoRoot, "emulators/convex/cli.ts")];
  args.push("--dir", options.convexDir, "--data-dir", options.dataDir, "--port", String(options.port), "--site-port", String(options.sitePort), "--no-watch");
  for (const [key, value] of Object.entries(options.env ?? {})) args.push("--env", `${key}=${value}`);
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (hasExited) throw new Error(`the local Convex exited before it answered on ${url}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the local Convex did not answer GET ${url}/version within ${options.readyTimeoutMs ?? 30_000} ms:\n${output}`);
    }
    const ok = await fetch(`${url}/version`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (!hasExited) child.kill(signal);
    await exited;
  };
  return { url, child, output: () => output, crash: () => end("SIGKILL"), stop: () => end("SIGTERM") };
}
