import { spawn } from "node:child_process";

/** The last lines of a command's output: enough to see what failed. */
function tail(output: string, lines = 60): string {
  return output.trimEnd().split("\n").slice(-lines).join("\n");
}

/**
 * The environment a developer's shell would give the command: this test runner's own markers
 * (Vitest's, npm's for the running script) are left out, so a nested `npx vitest` or `npm run`
 * behaves as if typed in a terminal.
 */
function shellEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|VITE_|npm_|TEST$|NODE_ENV$|NODE_OPTIONS$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, FORCE_COLOR: "0" };
}

/** Runs one command line of a recipe in `cwd` with `sh`, as a reader would; rejects with its output when it fails. */
export function runCommand(command: string, cwd: string, timeoutMs: number): Promise<{ ms: number; output: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], { cwd, env: shellEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      // The whole group: `npx vitest` starts workers of its own.
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      reject(new Error(`\`${command}\` did not finish within ${timeoutMs / 1000} s in ${cwd}.\n${tail(output)}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ ms: Date.now() - started, output });
      else reject(new Error(`\`${command}\` exited with ${code} in ${cwd}:\n${tail(output)}`));
    });
  });
}
