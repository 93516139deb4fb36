import { ACME, ALICE, BOB, GLOBEX } from "../emulators/authkit/demo-world.ts";
import { expect, test } from "./fixtures.ts";
import { expectHostedPage, signIn, signInEntry, submitHostedSignIn, welcome } from "./support/flows.ts";
import { demoAccount } from "./support/users.ts";

// The accounts `npm run dev` prints and the README lists, from the local AuthKit's seed.
const bob = demoAccount(BOB);
const alice = demoAccount(ALICE);

test("a demo account signs in with the documented password", async ({ page, stack }) => {
  await signIn(page, stack.authkitUrl, bob);
  await expect(page.getByRole("combobox", { name: "Organization" })).toHaveValue(ACME.id);
});

test("a demo user of two organizations picks one on the hosted page and lands signed in to it", async ({ page, stack }) => {
  await page.goto("/");
  await signInEntry(page).click();
  await expectHostedPage(page, stack.authkitUrl);
  await submitHostedSignIn(page, alice);
  await page.getByRole("button", { name: GLOBEX.name, exact: true }).click();

  await expect(welcome(page, alice)).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Organization" })).toHaveValue(GLOBEX.id);
});
