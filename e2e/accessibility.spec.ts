import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { expectHostedPage, signIn, signInEntry, userMenu } from "./support/flows.ts";

const axe = createRequire(import.meta.url)("axe-core") as { source: string };

// The hosted page's Content-Security-Policy forbids inline scripts, axe's among them; the
// policy is not what is under test here.
test.use({ bypassCSP: true });

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical axe violations of the page as it is now, one readable line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe.run();
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test("the signed-out landing page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/");
  await expect(signInEntry(page)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the hosted sign-in page has no serious accessibility violations", async ({ page, stack }) => {
  await page.goto("/sign-in");
  await expectHostedPage(page, stack.authkitUrl);
  expect(await seriousViolations(page)).toEqual([]);
});

test("the signed-in home has no serious accessibility violations", async ({ page, stack, user }) => {
  await signIn(page, stack.authkitUrl, user);
  await expect(page.getByLabel("New note", { exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe("in dark mode", () => {
  test.use({ colorScheme: "dark" });

  test("the landing page is dark from its first paint and has no serious accessibility violations", async ({ page }) => {
    await page.goto("/");
    await expect(signInEntry(page)).toBeVisible();
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe("rgb(17, 19, 26)");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the signed-in home has no serious accessibility violations", async ({ page, stack, user }) => {
    await signIn(page, stack.authkitUrl, user);
    await expect(page.getByLabel("New note", { exact: true })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the hosted sign-in page follows the dark scheme with the app's colours and has no serious accessibility violations", async ({ page, stack }) => {
    await page.goto("/sign-in");
    await expectHostedPage(page, stack.authkitUrl);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(17, 19, 26)");
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe("the hosted sign-in page on a phone", () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test("keeps its card off the screen's edges", async ({ page, stack }) => {
    await page.goto("/sign-in");
    await expectHostedPage(page, stack.authkitUrl);
    const card = await page.getByRole("main").boundingBox();
    expect(card?.x).toBeGreaterThanOrEqual(16);
    expect(390 - ((card?.x ?? 0) + (card?.width ?? 0))).toBeGreaterThanOrEqual(16);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test("the first Tab on a signed-in page offers a skip link to the main content", async ({ page, stack, user }) => {
  await signIn(page, stack.authkitUrl, user);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
});

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`on a phone in ${colorScheme} mode`, () => {
    test.use({ colorScheme, viewport: { width: 320, height: 700 } });

    test("the account page with the user menu open has no serious accessibility violations", async ({ page, stack, user }) => {
      await signIn(page, stack.authkitUrl, user);
      await userMenu(page).click();
      await page.getByRole("banner").getByRole("link", { name: "Account", exact: true }).click();
      await expect(page.getByRole("heading", { name: "What Convex verified" })).toBeVisible();
      await userMenu(page).click();
      await expect(page.getByRole("banner").getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
