import { writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./support/chromium.ts";
import { STACK_LOG_DIR, startAppStack } from "./support/app-stack.ts";

/**
 * Starts the stack every test shares — the same local AuthKit, local Convex and Vite dev server
 * that `npm run dev` starts, but on free ports and with in-memory data — and hands its URLs to
 * the tests through `E2E_*` environment variables (also written to test-results/e2e-logs/main.json).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startAppStack({ name: "main", server: "dev" });
  process.env.E2E_APP_URL = stack.appUrl;
  process.env.E2E_AUTHKIT_URL = stack.authkitUrl;
  process.env.E2E_AUTHKIT_API_KEY = stack.authkitApiKey;
  process.env.E2E_CONVEX_URL = stack.convexUrl;
  writeFileSync(
    path.join(STACK_LOG_DIR, "main.json"),
    JSON.stringify({ appUrl: stack.appUrl, authkitUrl: stack.authkitUrl, convexUrl: stack.convexUrl }, null, 2),
  );
  try {
    await warmUp(stack.appUrl);
  } catch (error) {
    await stack.close();
    throw error;
  }
  return () => stack.close();
}

/**
 * The first page a Vite dev server serves is compiled on demand; loading it once here keeps that
 * one-off cost out of the first test.
 */
async function warmUp(appUrl: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(appUrl, { waitUntil: "networkidle", timeout: 120_000 });
  } finally {
    await browser.close();
  }
}
