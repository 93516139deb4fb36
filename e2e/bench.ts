/**
 * `npm run bench`: what the production build costs to load and how fast the signed-in flows are,
 * against the local stack with the build served by `vite preview`, in headless chromium; then the
 * local Convex under load (`bench/convex-load.ts`). Prints tables, writes node_modules/.tmp/bench/bench.json,
 * and exits non-zero when over a budget.
 *
 * `npm run bench:convex` (`--convex-load`) runs only the load figure, without a build or browser;
 * `--connections N --writers W --seconds S` makes it one run of that shape.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { measureBundle } from "./bench/bundle-size.ts";
import { CONVEX_LOAD_RUNS, measureConvexLoad, overBudget as loadOverBudget, printLoadTable, type LoadFigure, type LoadOptions } from "./bench/convex-load.ts";
import { measureFirstPaint, type FirstPaint } from "./bench/first-paint.ts";
import { median } from "./bench/median.ts";
import { measureLiveUpdates, measureSignIn, type SignInSample } from "./bench/measure-flows.ts";
import { benchOutput } from "./bench/output.ts";
import { measureSignInFloor } from "./bench/sign-in-floor.ts";
import { startAppStack } from "./support/app-stack.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./support/chromium.ts";
import { createUser, newUser } from "./support/users.ts";

const RUNS = 7;
const BUDGETS = { firstPageJsBytes: 115_000, signInMedianMs: 1000 };

const root = fileURLToPath(new URL("..", import.meta.url));
const { dir: resultsDir, buildDir: outDir } = benchOutput(root);

interface Spread {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: median(samples), min: sorted[0], max: sorted[sorted.length - 1], samples };
}

function loadRuns(argv: string[]): LoadOptions[] {
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive whole number, got "${argv[i + 1] ?? ""}"`);
    return n;
  };
  const connections = flag("connections");
  const writers = flag("writers");
  const seconds = flag("seconds");
  if (connections === undefined && writers === undefined && seconds === undefined) return CONVEX_LOAD_RUNS;
  return [{ connections: connections ?? 200, writers: writers ?? 10, seconds: seconds ?? 10 }];
}

async function measureLoad(argv: string[]): Promise<LoadFigure[]> {
  const figures: LoadFigure[] = [];
  for (const run of loadRuns(argv)) {
    console.log(`Local Convex load: ${run.connections} connections, ${run.writers} writers, ${run.seconds} s…`);
    figures.push(await measureConvexLoad(run));
  }
  printLoadTable(figures);
  return figures;
}

/** `--convex-load`: the load figure alone, written to node_modules/.tmp/bench/convex-load.json. */
async function mainLoadOnly(argv: string[]): Promise<number> {
  mkdirSync(resultsDir, { recursive: true });
  const figures = await measureLoad(argv);
  const over = loadOverBudget(figures);
  const report = { date: new Date().toISOString(), machine: { node: process.version, cpus: os.cpus().length }, convexLoad: figures, overBudget: over };
  writeFileSync(path.join(resultsDir, "convex-load.json"), `${JSON.stringify(report, null, 2)}\n`);
  if (over.length) {
    console.error(`Over budget: ${over.join("; ")}`);
    return 1;
  }
  return 0;
}

async function main(): Promise<number> {
  if (process.argv.includes("--convex-load")) return await mainLoadOnly(process.argv.slice(2));
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  console.log("Building the production bundle and starting the local stack…");
  const stack = await startAppStack({ name: "bench", server: "preview", outDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const sizes = measureBundle(outDir);
    const firstPaint = await measureFirstPaint(browser, stack.appUrl, RUNS);
    const user = await createUser(stack.authkitUrl, newUser("Bench", "User"));

    // The first sign-in also creates the user in Convex; it is a warm-up, not a sample.
    await measureSignIn(browser, stack.appUrl, stack.authkitUrl, user);
    const signIns: SignInSample[] = [];
    for (let i = 0; i < RUNS; i++) signIns.push(await measureSignIn(browser, stack.appUrl, stack.authkitUrl, user));
    const live = await measureLiveUpdates(browser, stack.appUrl, stack.authkitUrl, user, RUNS);
    const floors: number[] = [];
    for (let i = 0; i < RUNS; i++) floors.push(await measureSignInFloor(stack, user));

    const signIn = spread(signIns.map((s) => s.ms));
    const liveUpdate = spread(live);
    const signInFloor = spread(floors);
    const roundTrips = signIns[signIns.length - 1];
    const convexLoad = await measureLoad(process.argv.slice(2));
    const over: string[] = [...loadOverBudget(convexLoad)];
    if (sizes.firstPageJs > BUDGETS.firstPageJsBytes) over.push(`first-page JS ${kb(sizes.firstPageJs)} > ${kb(BUDGETS.firstPageJsBytes)}`);
    if (signIn.median >= BUDGETS.signInMedianMs) over.push(`sign-in median ${signIn.median} ms >= ${BUDGETS.signInMedianMs} ms`);

    const report = {
      date: new Date().toISOString(),
      machine: { node: process.version, cpus: os.cpus().length, browser: browser.version() },
      budgets: BUDGETS,
      bundle: sizes,
      firstPaint,
      signInMs: signIn,
      signInFloorMs: signInFloor,
      signInOverFloor: Math.round((signIn.median / signInFloor.median) * 10) / 10,
      liveUpdateMs: liveUpdate,
      convexLoad,
      signInRoundTrips: {
        requests: roundTrips.requests,
        websockets: roundTrips.websockets,
        convexMessagesSent: roundTrips.convexMessagesSent,
        requestLog: roundTrips.requestLog,
      },
      overBudget: over,
    };
    writeFileSync(path.join(resultsDir, "bench.json"), `${JSON.stringify(report, null, 2)}\n`);
    printTable(report);
    if (over.length) {
      console.error(`Over budget: ${over.join("; ")}`);
      return 1;
    }
    return 0;
  } finally {
    await browser.close();
    await stack.close();
  }
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

function printTable(r: {
  bundle: ReturnType<typeof measureBundle>;
  firstPaint: FirstPaint;
  signInMs: Spread;
  signInFloorMs: Spread;
  signInOverFloor: number;
  liveUpdateMs: Spread;
  signInRoundTrips: { requests: SignInSample["requests"]; websockets: number; convexMessagesSent: number };
}): void {
  const ms = (s: Spread) => `${Math.round(s.median)} ms (min ${Math.round(s.min)}, max ${Math.round(s.max)}, n=${s.samples.length})`;
  const t = r.signInRoundTrips;
  const rows: [string, string, string][] = [
    ["First-page JS (gzip)", kb(r.bundle.firstPageJs), `≤ ${kb(BUDGETS.firstPageJsBytes)}`],
    ["First-page CSS (gzip)", kb(r.bundle.firstPageCss), ""],
    ["All JS (gzip)", kb(r.bundle.totalJs), ""],
    ["All CSS (gzip)", kb(r.bundle.totalCss), ""],
    [
      `Landing first contentful paint, ${r.firstPaint.cpuSlowdown}x CPU throttling`,
      `${Math.round(r.firstPaint.appMedianMs)} ms median, ${r.firstPaint.ratio}x a plain React page (${Math.round(r.firstPaint.referenceMedianMs)} ms), n=${r.firstPaint.appMs.length}`,
      "",
    ],
    ["Submit sign-in → Welcome from Convex", ms(r.signInMs), `median < ${BUDGETS.signInMedianMs} ms`],
    ["The same steps without a browser (floor)", `${ms(r.signInFloorMs)}; the browser takes ${r.signInOverFloor}x`, ""],
    ["Note added in one tab → shown in another", ms(r.liveUpdateMs), ""],
    [
      "Sign-in round trips (HTTP requests)",
      `${t.requests.total}: ${t.requests.navigations} navigations, ${t.requests.authkitApi} AuthKit API, ${t.requests.assets} assets, ${t.requests.other} other`,
      "",
    ],
    ["Sign-in Convex WebSocket", `${t.websockets} connection(s), ${t.convexMessagesSent} messages sent`, ""],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length), ["Measure", "Result", "Budget"][i].length));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log([line(["Measure", "Result", "Budget"]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n"));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm run bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
