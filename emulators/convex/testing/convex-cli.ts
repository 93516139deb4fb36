import { execFile } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./harness.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Long enough for a cold CLI start on a busy machine; short enough that a hang fails the test instead of stalling it. */
export const CLI_TIMEOUT_MS = 30_000;

/**
 * Runs the real Convex CLI (`node_modules/.bin/convex`) in its self-hosted mode against a local
 * Convex, from `cwd` (a project folder: a package.json listing convex, and convex/). Resolves
 * with the exit code and output whether the command succeeded or not; a command still running
 * after `timeoutMs` is killed and rejects, naming it.
 */
export function convexCli(
  target: { url: string; adminKey: string },
  cwd: string,
  args: string[],
  options: { timeoutMs?: number; input?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const timeoutMs = options.timeoutMs ?? CLI_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = execFile(
      path.join(repoRoot, "node_modules/.bin/convex"),
      args,
      {
        cwd,
        timeout: timeoutMs,
        killSignal: "SIGKILL",
        env: { ...process.env, CONVEX_SELF_HOSTED_URL: target.url, CONVEX_SELF_HOSTED_ADMIN_KEY: target.adminKey, CONVEX_DEPLOYMENT: "", CI: "1", ...options.env },
      },
      (error, stdout, stderr) => {
        if (error && (error as { killed?: boolean }).killed) {
          reject(new Error(`\`convex ${args.join(" ")}\` did not finish within ${timeoutMs} ms (a hang or an endless retry). Output so far:\n${stdout}\n${stderr}`));
          return;
        }
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}
