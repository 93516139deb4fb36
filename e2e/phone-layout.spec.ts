import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { signIn, userMenu } from "./support/flows.ts";
import { createUser, newUser } from "./support/users.ts";

const PHONE = { width: 320, height: 700 };

/** How wide the document is laid out: more than the viewport means the page scrolls sideways. */
function scrollWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

test.use({ viewport: PHONE });

test("at 320 px the signed-in pages fit the screen, the header is one row, and a long email is cut to fit", async ({ page, stack }) => {
  const user = await createUser(stack.authkitUrl, {
    ...newUser("Maximilian", "Featherstonehaugh"),
    email: `maximilian.featherstonehaugh.${Date.now()}@a-very-long-subdomain.example.test`,
  });
  await signIn(page, stack.authkitUrl, user);
  await expect(page.getByLabel("New note", { exact: true })).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
  const header = await page.getByRole("banner").boundingBox();
  expect(header?.height).toBeLessThanOrEqual(64);

  await userMenu(page).click();
  const email = page.getByRole("banner").getByText(user.email, { exact: true });
  await expect(email).toBeVisible();
  await expect(email).toHaveAttribute("title", user.email);
  expect(await email.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

  await page.getByRole("banner").getByRole("link", { name: "Account", exact: true }).click();
  await expect(page.getByRole("heading", { name: "What Convex verified" })).toBeVisible();
  await expect(page.getByRole("main").getByText("user_", { exact: false }).first()).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
});

test("the user menu works with the keyboard in a real browser: Escape closes it and focus returns to its button", async ({ page, stack, user }) => {
  await signIn(page, stack.authkitUrl, user);
  await userMenu(page).focus();
  await page.keyboard.press("Enter");
  const account = page.getByRole("banner").getByRole("link", { name: "Account", exact: true });
  await expect(account).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(account).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(account).toBeHidden();
  await expect(userMenu(page)).toBeFocused();
});
