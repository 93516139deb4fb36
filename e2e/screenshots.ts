/**
 * `npm run screenshots`: the README's screenshots, taken from the running app so they show what
 * it looks like now. It starts the local stack as the browser tests do (local AuthKit, local
 * Convex and the app on the Vite dev server, on free ports, in memory), signs in as the demo
 * accounts, sets the scene (a few notes, a pending invitation), and writes every shot of
 * `e2e/screenshots/shots.ts` in light and dark at 1280 and 390 px to docs/screenshots/ (PNG).
 * Images of shots no longer in the list are removed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { ACME, ALICE, CAROL } from "../emulators/authkit/demo-world.ts";
import { freePort, waitForPort } from "../emulators/dev/ports.ts";
import { startAppStack, STACK_LOG_DIR } from "./support/app-stack.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./support/chromium.ts";
import { expectHostedPage, signInEntry, submitHostedSignIn, welcome } from "./support/flows.ts";
import { demoAccount } from "./support/users.ts";
import { compressPng } from "./screenshots/compress-png.ts";
import { fileName, SHOTS, VARIANTS, type Variant, type Viewer, type World } from "./screenshots/shots.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const OUT_DIR = path.join(root, "docs", "screenshots");
const NOTES = ["Welcome the new hires on Monday", "The quarterly report draft is in the shared folder", "Roll out SSO to Acme's sales team"];
const INVITEE = "new.hire@example.com";

/** The app served with every VITE_ variable empty, as a clone without configuration would be. */
async function startUnconfiguredApp(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const log = createWriteStream(path.join(STACK_LOG_DIR, "screenshots-unconfigured.log"));
  const blank = Object.fromEntries(
    ["CLIENT_ID", "REDIRECT_URI", "API_HOSTNAME", "API_PORT", "API_HTTPS", "DEV_MODE"].map((name) => [`VITE_WORKOS_${name}`, ""]),
  );
  const child: ChildProcess = spawn(path.join(root, "node_modules", ".bin", "vite"), ["--port", String(port), "--strictPort"], {
    cwd: root,
    env: { ...process.env, ...blank, VITE_CONVEX_URL: "", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  await waitForPort(port, 60_000);
  return {
    url: `http://localhost:${port}/`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Through the landing page and the hosted sign-in; Alice, in two organizations, picks Acme Corp. */
async function signInAs(page: Page, authkitUrl: string, viewer: Exclude<Viewer, "visitor">): Promise<void> {
  const account = demoAccount(viewer === "alice" ? ALICE : CAROL);
  await page.goto("/");
  await signInEntry(page).click();
  await expectHostedPage(page, authkitUrl);
  await submitHostedSignIn(page, account);
  if (viewer === "alice") await page.getByRole("button", { name: ACME.name, exact: true }).click();
  await expect(welcome(page, account)).toBeVisible();
}

/** What the signed-in pages show: Acme's notes and a pending invitation, added as Alice would. */
async function setTheScene(browser: Browser, appUrl: string, authkitUrl: string): Promise<string> {
  const context = await browser.newContext({ baseURL: appUrl });
  try {
    const page = await context.newPage();
    await signInAs(page, authkitUrl, "alice");
    for (const text of NOTES) {
      await page.getByLabel("New note").fill(text);
      await page.getByRole("button", { name: "Add note" }).click();
      await expect(page.getByRole("list", { name: "Notes" }).getByText(text)).toBeVisible();
    }
    await page.goto("/app/members");
    await page.getByLabel("Email", { exact: true }).fill(INVITEE);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("list", { name: "Pending invitations" }).getByText(INVITEE)).toBeVisible();
  } finally {
    await context.close();
  }
  const response = await fetch(`${authkitUrl}/_local/invitations?${new URLSearchParams({ email: INVITEE })}`);
  if (!response.ok) throw new Error(`GET /_local/invitations answered ${response.status}: ${await response.text()}`);
  const { invitations } = (await response.json()) as { invitations: { accept_invitation_url: string }[] };
  if (invitations[0] === undefined) throw new Error(`The local AuthKit has no invitation for ${INVITEE} after Alice sent one.`);
  return invitations[0].accept_invitation_url;
}

async function shoot(browser: Browser, world: World, variant: Variant, viewer: Viewer): Promise<string[]> {
  const shots = SHOTS.filter((shot) => shot.as === viewer);
  if (shots.length === 0) return [];
  const context: BrowserContext = await browser.newContext({
    baseURL: world.appUrl,
    viewport: { width: variant.width, height: variant.height },
    colorScheme: variant.colorScheme,
    deviceScaleFactor: 1,
    reducedMotion: "reduce",
  });
  const written: string[] = [];
  try {
    const page = await context.newPage();
    if (viewer !== "visitor") await signInAs(page, world.authkitUrl, viewer);
    for (const shot of shots) {
      try {
        await shot.open(page, world);
      } catch (error) {
        throw new Error(`Screenshot "${shot.name}" (${variant.colorScheme}, ${variant.width} px): the page did not show what it should. ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const png = await page.screenshot({ animations: "disabled", caret: "hide" });
      const file = fileName(shot, variant);
      writeFileSync(path.join(OUT_DIR, file), compressPng(png));
      written.push(file);
    }
  } finally {
    await context.close();
  }
  return written;
}

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(OUT_DIR, { recursive: true });
  mkdirSync(STACK_LOG_DIR, { recursive: true });
  console.log("Starting the local stack and an unconfigured app…");
  const [stack, unconfigured] = await Promise.all([startAppStack({ name: "screenshots", server: "dev" }), startUnconfiguredApp()]);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const invitationUrl = await setTheScene(browser, stack.appUrl, stack.authkitUrl);
    const world: World = { appUrl: stack.appUrl, authkitUrl: stack.authkitUrl, unconfiguredAppUrl: unconfigured.url, invitationUrl };
    const written = new Set<string>();
    for (const variant of VARIANTS) {
      for (const viewer of ["visitor", "alice", "carol"] as const) {
        for (const file of await shoot(browser, world, variant, viewer)) written.add(file);
      }
      console.log(`  ${variant.colorScheme}, ${variant.width} px: done`);
    }
    for (const file of readdirSync(OUT_DIR)) {
      if (file.endsWith(".png") && !written.has(file)) rmSync(path.join(OUT_DIR, file));
    }
    const bytes = [...written].reduce((sum, file) => sum + statSync(path.join(OUT_DIR, file)).size, 0);
    console.log(`${written.size} screenshots in ${path.relative(root, OUT_DIR)}/, ${(bytes / 1024).toFixed(0)} KiB in all, in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await browser.close();
    await Promise.allSettled([stack.close(), unconfigured.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(`The stack's log: ${path.join(STACK_LOG_DIR, "screenshots.log")}`);
  process.exit(1);
});
