import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { STOP_WITH_PARENT } from "./stop-with-parent.ts";

/**
 * The real `npx convex dev`, in the CLI's documented self-hosted mode
 * (`CONVEX_SELF_HOSTED_URL` + `CONVEX_SELF_HOSTED_ADMIN_KEY`), against the local Convex: it
 * bundles, type-checks and pushes `convex/` at start and on every save, exactly as it does for a
 * deployment on convex.dev.
 *
 * It runs from a folder of its own (`workDir`) whose `convex.json` points back at the project's
 * `convex/`, because in self-hosted mode the CLI writes `VITE_CONVEX_URL`/`VITE_CONVEX_SITE_URL`
 * into `.env.local` and removes `CONVEX_DEPLOYMENT` from it (`handleManuallySetUrlAndAdminKey`
 * in `convex/src/cli/configure.ts`), and it reads `.env.local` for its deployment. The project's
 * `.env.local` is how `npm run dev` chooses between the local stack and real services, so the
 * CLI neither reads nor writes it. `workDir` gets the `.env.local` the CLI would write, already
 * written, so it has nothing to save and says nothing about it.
 */
export interface ConvexDevOptions {
  /** The project: its package.json, convex/ and node_modules. */
  root: string;
  /** Where the CLI runs; recreated at each start. */
  workDir: string;
  url: string;
  /** The HTTP actions origin, which the CLI records beside the URL. */
  siteUrl: string;
  adminKey: string;
  /** The CLI's `--typecheck`; default its own default, `try`. */
  typecheck?: "enable" | "try" | "disable";
  /** Every line the CLI prints. */
  log: (line: string) => void;
}

export interface ConvexDev {
  /** How many pushes have succeeded ("Convex functions ready!"). */
  readonly pushes: number;
  /** Resolves when the CLI has printed a line matching `pattern` (tests wait on pushes and errors). */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** Settles when the CLI exits, with its exit code. */
  exited: Promise<number>;
  /** Stops the CLI (and the type-checker it may be running). */
  stop(): Promise<void>;
}

/**
 * The project's codegen in `convex/_generated` comes from `npm run codegen` and is committed;
 * the CLI's own (`--codegen enable`) types `env` from `_generated/server` with only the variables
 * `convex.config.ts` declares, which `convex/config.ts` does not yet, so its push would fail its
 * own type-check. See the README's "local Convex" section.
 */
const CODEGEN = "disable";

export function startConvexDev(o: ConvexDevOptions): ConvexDev {
  prepareWorkDir(o);
  const cli = path.join(o.root, "node_modules", ".bin", "convex");
  const args = ["dev", "--codegen", CODEGEN, ...(o.typecheck ? ["--typecheck", o.typecheck] : [])];
  const env: Record<string, string | undefined> = {
    ...process.env,
    CONVEX_SELF_HOSTED_URL: o.url,
    CONVEX_SELF_HOSTED_ADMIN_KEY: o.adminKey,
    // Not a TTY: the CLI's plain output, and no crash reports sent to its error tracker (offline).
    CI: "1",
  };
  // Each of these would select another deployment (or refuse to run beside the self-hosted pair).
  for (const name of ["CONVEX_DEPLOYMENT", "CONVEX_DEPLOY_KEY", "CONVEX_DEPLOYMENT_TOKEN"]) delete env[name];
  const child = spawn(process.execPath, ["--import", STOP_WITH_PARENT, cli, ...args], {
    cwd: o.workDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let pushes = 0;
  const lines: string[] = [];
  const waiters = new Set<(line: string) => void>();
  const onLine = (line: string) => {
    if (line.trim() === "") return;
    if (/Convex functions ready!/.test(line)) pushes++;
    lines.push(line);
    o.log(line);
    for (const waiter of waiters) waiter(line);
  };
  createInterface({ input: child.stdout! }).on("line", onLine);
  createInterface({ input: child.stderr! }).on("line", onLine);
  const exited = exitOf(child);

  return {
    get pushes() {
      return pushes;
    },
    exited,
    waitForLine(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const done = (line: string) => {
          if (!pattern.test(line)) return;
          clearTimeout(timer);
          waiters.delete(done);
          resolve(line);
        };
        const timer = setTimeout(() => {
          waiters.delete(done);
          reject(new Error(`convex dev printed no line matching ${pattern} within ${timeoutMs} ms. Its output:\n${lines.join("\n")}`));
        }, timeoutMs);
        waiters.add(done);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A project folder with nothing of its own but `convex.json`: package.json and node_modules are the project's. */
function prepareWorkDir({ root, workDir, url, siteUrl }: ConvexDevOptions): void {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  // Relative, because the CLI joins it to the folder of convex.json. The real path (not a
  // symlinked convex/) keeps the functions' relative imports resolving for the type-check.
  const functions = path.relative(workDir, path.join(root, "convex"));
  writeFileSync(path.join(workDir, "convex.json"), `${JSON.stringify({ functions }, null, 2)}\n`);
  symlinkSync(path.join(root, "package.json"), path.join(workDir, "package.json"));
  symlinkSync(path.join(root, "node_modules"), path.join(workDir, "node_modules"));
  // The names the CLI picks for a Vite project (`suggestedEnvVarNames`), with the values it would write.
  writeFileSync(path.join(workDir, ".env.local"), `VITE_CONVEX_URL=${url}\nVITE_CONVEX_SITE_URL=${siteUrl}\n`);
  writeFileSync(
    path.join(workDir, "README.md"),
    "Where `npm run dev` runs `convex dev`, so the .env.local the Convex CLI keeps is this one, not the project's. Recreated at each start.\n",
  );
}

function exitOf(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? 1);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}
