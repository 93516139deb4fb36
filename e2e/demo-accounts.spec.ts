import { DEMO_PASSWORD } from "../emulators/dev/demo-accounts.ts";
import { expect, test } from "./fixtures.ts";
import { expectHostedPage, signIn, signInEntry, submitHostedSignIn, welcome } from "./support/flows.ts";

// The accounts `npm run dev` prints and the README lists, from the local AuthKit's seed.
const bob = { email: "bob@example.com", password: DEMO_PASSWORD, firstName: "Bob", lastName: "Brown", name: "Bob Brown" };
const alice = { email: "alice@example.com", password: DEMO_PASSWORD, firstName: "Alice", lastName: "Anderson", name: "Alice Anderson" };

test("a demo account signs in with the documented password", async ({ page, stack }) => {
  await signIn(page, stack.authkitUrl, bob);
  await expect(page.getByRole("combobox", { name: "Organization" })).toHaveValue("org_acme");
});

test("a demo user of two organizations picks one on the hosted page and lands signed in to it", async ({ page, stack }) => {
  await page.goto("/");
  await signInEntry(page).click();
  await expectHostedPage(page, stack.authkitUrl);
  await submitHostedSignIn(page, alice);
  await page.getByRole("button", { name: "Globex", exact: true }).click();

  await expect(welcome(page, alice)).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Organization" })).toHaveValue("org_globex");
});
