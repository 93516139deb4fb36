import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fail, pass, warn, type CheckResult } from "./check.ts";

/**
 * convex/_generated is what `npm run codegen` would write now. Decided like `npm run codegen:check`
 * (the same `convex codegen --system-udfs --typecheck disable`), but with `--dry-run`, which names
 * the files it would write instead of writing them: the doctor changes nothing in the repository.
 */
export async function checkCodegen(root: string, timeoutMs: number): Promise<CheckResult> {
  const id = "convex.codegen";
  const title = "convex/_generated is current";
  if (!existsSync(path.join(root, "convex", "_generated"))) {
    return fail(id, title, "convex/_generated is missing", "Run npm run codegen and commit convex/_generated.");
  }
  const bin = path.join(root, "node_modules", ".bin", "convex");
  if (!existsSync(bin)) return warn(id, title, "not checked: node_modules/.bin/convex is missing", "Run npm ci.");
  const { code, stdout, stderr, timedOut } = await run(bin, ["codegen", "--system-udfs", "--typecheck", "disable", "--dry-run"], root, timeoutMs);
  if (timedOut) return warn(id, title, `not checked: convex codegen took longer than ${timeoutMs} ms`, "Run npm run codegen:check.");
  if (code !== 0) {
    return fail(id, title, `convex codegen failed: ${(stderr || stdout).trim().split("\n").slice(-3).join(" ")}`, "Fix the error above in convex/, then run npm run codegen.");
  }
  const stale = [...stdout.matchAll(/^Command would (?:write|delete) (?:file|directory): (.+)$/gm)].map((m) => path.relative(root, path.resolve(root, m[1]!)));
  return stale.length === 0
    ? pass(id, title, "convex codegen would write nothing")
    : fail(id, title, `stale: ${stale.join(", ")}`, "Run npm run codegen and commit convex/_generated.");
}

function run(bin: string, args: string[], cwd: string, timeoutMs: number) {
  return new Promise<{ code: number; stdout: string; stderr: string; timedOut: boolean }>((resolve) => {
    // CI=1: never prompt; the deployment variables play no part in generating code.
    const env = { ...process.env, CI: "1" };
    execFile(bin, args, { cwd, env, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr, timedOut: Boolean(error?.killed) });
    });
  });
}
