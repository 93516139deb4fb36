import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { LOCAL_DEFAULTS, startLocalStack, type LocalStack } from "../stack.ts";
import { DevProblem, planDev } from "./env-plan.ts";
import { startConvexDev, type ConvexDev } from "./convex-dev.ts";
import { isPortInUse, waitForPort } from "./ports.ts";
import { STOP_WITH_PARENT } from "./stop-with-parent.ts";

// The environment as this process started: the local Convex loads functions through Vite, which
// sets NODE_ENV in this process, and the Vite child must decide that for itself.
const launchEnv = { ...process.env };

export interface DevOptions {
  /** The repository: its node_modules, .env.local, convex/ and .local/. */
  root: string;
  /** Fixed by default (5173, 4100, 3210, 3211) so the registered redirect URI always matches. */
  appPort?: number;
  authkitPort?: number;
  convexPort?: number;
  sitePort?: number;
  /** Emulator data; default `<root>/.local`. */
  dataDir?: string;
  /** Vite's output: the terminal for `npm run dev`, nowhere for tests. */
  viteOutput?: "inherit" | "ignore";
  /** The emulators' and `convex dev`'s log lines; default the console. */
  log?: ((line: string) => void) | false;
  /** Also the emulators' per-request lines (`npm run dev -- --verbose`). */
  verbose?: boolean;
  /** `convex dev --typecheck`; default the CLI's own (`try`). */
  convexTypecheck?: "enable" | "try" | "disable";
}

export interface DevSession {
  /** `local`: the local stack; `real`: real WorkOS and Convex from .env.local, Vite alone. */
  mode: "local" | "real";
  appUrl: string;
  stack?: LocalStack;
  /** Local mode: the Convex CLI pushing convex/ to the local Convex as you edit. */
  convexDev?: ConvexDev;
  /** Real mode: the values Vite reads from .env.local. */
  realEnv?: Record<string, string>;
  /** Local mode: variables in .env.local that the stack replaces. */
  overridden?: string[];
  /** Settles when Vite stops without being asked to, with its exit code. */
  viteExited: Promise<number>;
  /** Stops Vite and the emulators; nothing this started is left listening. */
  stop(): Promise<void>;
}

/**
 * What `npm run dev` starts. Checks what a person can fix first (install, ports, .env.local) and
 * throws `DevProblem` with a one-line explanation for each.
 */
export async function startDev(o: DevOptions): Promise<DevSession> {
  const appPort = o.appPort ?? Number(new URL(LOCAL_DEFAULTS.appOrigin).port);
  const appUrl = `http://localhost:${appPort}`;
  const viteBin = path.join(o.root, "node_modules", ".bin", "vite");
  if (!existsSync(viteBin)) {
    throw new DevProblem("Dependencies are not installed (node_modules/.bin/vite is missing): run `npm ci`, then `npm run dev`.");
  }
  const plan = planDev(o.root, appUrl);

  if (plan.kind === "real") {
    await requireFreePorts([[appPort, "Vite"]]);
    const vite = startVite(viteBin, o, appPort, {});
    await waitForVite(vite, appPort);
    return { mode: "real", appUrl, realEnv: plan.env, viteExited: exitOf(vite), stop: () => stopAll(vite, undefined, undefined) };
  }

  const ports = {
    authkitPort: o.authkitPort ?? LOCAL_DEFAULTS.authkitPort,
    convexPort: o.convexPort ?? LOCAL_DEFAULTS.convexPort,
    sitePort: o.sitePort ?? LOCAL_DEFAULTS.sitePort,
  };
  await requireFreePorts([
    [appPort, "Vite"],
    [ports.authkitPort, "the local AuthKit"],
    [ports.convexPort, "the local Convex"],
    [ports.sitePort, "the local Convex HTTP actions"],
  ]);
  const dataDir = o.dataDir ?? path.join(o.root, LOCAL_DEFAULTS.dataDir);
  const log = o.log === undefined ? (line: string) => console.log(line) : o.log;
  const stack = await startLocalStack({
    appOrigin: appUrl,
    ...ports,
    dataDir,
    convexDir: path.join(o.root, LOCAL_DEFAULTS.convexDir),
    // The backend serves convex/ as it is at start; from then on `convex dev` pushes each save.
    watch: false,
    devMode: plan.passThrough.VITE_WORKOS_DEV_MODE ? plan.passThrough.VITE_WORKOS_DEV_MODE === "true" : undefined,
    log,
    verbose: o.verbose ?? false,
  });
  let vite: ChildProcess | undefined;
  let convexDev: ConvexDev | undefined;
  try {
    convexDev = startConvexDev({
      root: o.root,
      workDir: path.join(dataDir, "convex-cli"),
      url: stack.convex.url,
      siteUrl: stack.convex.siteUrl,
      adminKey: stack.convex.adminKey,
      typecheck: o.convexTypecheck,
      log: log ? (line) => log(`[convex dev] ${line}`) : () => {},
    });
    vite = startVite(viteBin, o, appPort, stack.viteEnv);
    await waitForVite(vite, appPort);
  } catch (error) {
    await stopAll(vite, convexDev, stack);
    throw error;
  }
  const started = { vite, convexDev };
  return {
    mode: "local",
    appUrl,
    stack,
    convexDev,
    overridden: plan.ignored,
    viteExited: exitOf(vite),
    stop: () => stopAll(started.vite, started.convexDev, stack),
  };
}

function startVite(bin: string, o: DevOptions, port: number, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", STOP_WITH_PARENT, bin, "--port", String(port), "--strictPort"], {
    cwd: o.root,
    // Variables already in the environment win over .env files in Vite, so the stack's values hold.
    env: { ...launchEnv, ...env },
    stdio: o.viteOutput === "ignore" ? "ignore" : "inherit",
  });
}

async function waitForVite(vite: ChildProcess, port: number): Promise<void> {
  const exited = exitOf(vite).then((code) => {
    throw new DevProblem(`Vite stopped (exit code ${code}) before it served the app: see its output above.`);
  });
  await Promise.race([waitForPort(port, 60_000), exited]);
}

function exitOf(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? 1);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}

async function stopAll(vite: ChildProcess | undefined, convexDev: ConvexDev | undefined, stack: LocalStack | undefined): Promise<void> {
  const stopVite = async () => {
    if (!vite || vite.exitCode !== null || vite.signalCode !== null) return;
    const exited = exitOf(vite);
    vite.kill("SIGTERM");
    const timer = setTimeout(() => vite.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
  // The CLI goes before the backend it pushes to, so it does not report the backend gone.
  await Promise.all([stopVite(), convexDev?.stop()]);
  await stack?.close();
}

async function requireFreePorts(ports: [number, string][]): Promise<void> {
  for (const [port, name] of ports) {
    if (await isPortInUse(port)) {
      throw new DevProblem(
        `Port ${port} (${name}) is already in use: stop whatever holds it (another \`npm run dev\`? see \`lsof -i :${port}\`) and try again.`,
      );
    }
  }
}
