import { expect, test } from "./fixtures.ts";
import { expectHostedPage, signIn, signInEntry, signOut, submitHostedSignIn } from "./support/flows.ts";

test("a deep link to a protected page while signed out leads through sign-in back to that page", async ({ page, stack, user }) => {
  await page.goto("/app/account?tab=session#expiry");
  await expectHostedPage(page, stack.authkitUrl);
  await submitHostedSignIn(page, user);

  await expect(page).toHaveURL(`${stack.appUrl}/app/account?tab=session#expiry`);
  await expect(page.getByRole("main").getByText(user.email)).toBeVisible();
});

test("signing out lands on the signed-out landing page, and protected pages ask for sign-in again", async ({ page, stack, user }) => {
  await signIn(page, stack.authkitUrl, user);
  await signOut(page);
  await expect(page).toHaveURL(`${stack.appUrl}/`);

  await page.reload();
  await expect(signInEntry(page)).toBeVisible();

  await page.goto("/app");
  await expectHostedPage(page, stack.authkitUrl);
});
