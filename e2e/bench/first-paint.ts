/**
 * The landing page's first contentful paint under 4x CPU throttling, measured side by side with a
 * reference build (a plain React page, `reference-page/`) in the same run, so the ratio says what
 * the app's own first page costs over React alone on this machine, whatever its speed today.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "@playwright/test";
import react from "@vitejs/plugin-react";
import { build, preview, type PreviewServer } from "vite";
import { median } from "./median.ts";

const CPU_SLOWDOWN = 4;

export interface FirstPaint {
  cpuSlowdown: number;
  appMs: number[];
  referenceMs: number[];
  appMedianMs: number;
  referenceMedianMs: number;
  /** App over reference, medians. */
  ratio: number;
}

/** Builds the reference page and serves it with `vite preview` on a free port. */
async function serveReference(): Promise<{ url: string; close(): Promise<void> }> {
  const root = fileURLToPath(new URL("./reference-page", import.meta.url));
  const outDir = mkdtempSync(path.join(os.tmpdir(), "bench-reference-"));
  const config = { root, configFile: false as const, logLevel: "warn" as const, plugins: [react()], build: { outDir, emptyOutDir: true } };
  await build(config);
  const server: PreviewServer = await preview({ ...config, preview: { port: 0, host: "127.0.0.1", strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("the reference page's preview server did not report its URL");
  return {
    url,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** One cold load in a fresh context with the CPU slowed down; the page's own first-contentful-paint entry. */
async function firstContentfulPaint(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: "load" });
    const fcp = await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime);
    return Math.round((await fcp.jsonValue()) as number);
  } finally {
    await context.close();
  }
}

/** `runs` loads of each page, alternating, so a slower moment of the machine hits both alike. */
export async function measureFirstPaint(browser: Browser, appUrl: string, runs: number): Promise<FirstPaint> {
  const reference = await serveReference();
  try {
    // One load of each first, not counted: the preview servers' and the browser's first requests.
    await firstContentfulPaint(browser, appUrl);
    await firstContentfulPaint(browser, reference.url);
    const appMs: number[] = [];
    const referenceMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      appMs.push(await firstContentfulPaint(browser, appUrl));
      referenceMs.push(await firstContentfulPaint(browser, reference.url));
    }
    const appMedianMs = median(appMs);
    const referenceMedianMs = median(referenceMs);
    return { cpuSlowdown: CPU_SLOWDOWN, appMs, referenceMs, appMedianMs, referenceMedianMs, ratio: Math.round((appMedianMs / referenceMedianMs) * 100) / 100 };
  } finally {
    await reference.close();
  }
}
