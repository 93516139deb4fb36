import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./support/chromium.ts";

/**
 * Browser tests against the local stack `npm run dev` starts, on free ports (global-setup.ts),
 * in Debian's chromium. One worker: the machines CI runs on have two cores, and the tests share
 * one stack. A failing test keeps its trace and screenshots in test-results/e2e/.
 */
export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: "../test-results/e2e",
  reporter: [["list"], ["json", { outputFile: "../test-results/e2e.json" }]],
  globalSetup: "./global-setup.ts",
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
});
