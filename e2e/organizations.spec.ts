import { ACME, ADMIN_ROLE, ALICE, GLOBEX, MEMBER_ROLE } from "../emulators/authkit/demo-world.ts";
import { expect, test } from "./fixtures.ts";
import { expectHostedPage, signInEntry, submitHostedSignIn, welcome } from "./support/flows.ts";
import { addNote, noteList, uniqueNote } from "./support/notes.ts";
import { demoAccount } from "./support/users.ts";

// Alice, from the local AuthKit's seed: admin of Acme Corp, member of Globex.
const alice = demoAccount(ALICE);

test("switching organization re-authenticates Convex: each organization sees only its own notes and role", async ({ page, stack }) => {
  const organization = page.getByRole("combobox", { name: "Organization" });
  await page.goto("/");
  await signInEntry(page).click();
  await expectHostedPage(page, stack.authkitUrl);
  await submitHostedSignIn(page, alice);
  await page.getByRole("button", { name: ACME.name, exact: true }).click();
  await expect(welcome(page, alice)).toBeVisible();
  await expect(organization).toHaveValue(ACME.id);
  // The token carries only the id; Convex fetches the name from the local AuthKit with the API key
  // the stack gave it, and the switcher picks it up live.
  // (Other specs may have signed Alice in to Globex already on this shared stack.)
  await expect(organization.locator("option:checked")).toHaveText(ACME.name);
  await expect(organization.locator("option", { hasText: /^org_/ })).toHaveCount(0);
  await expect(page.getByLabel(`Role: ${ADMIN_ROLE.slug}`)).toBeVisible();
  const acmeNote = uniqueNote("Acme roadmap");
  await addNote(page, acmeNote);

  // The hosted organization picker, for an organization not used here yet.
  await organization.selectOption({ label: "Another organization…" });
  await expectHostedPage(page, stack.authkitUrl);
  await submitHostedSignIn(page, alice);
  await page.getByRole("button", { name: GLOBEX.name, exact: true }).click();
  await expect(organization).toHaveValue(GLOBEX.id);
  await expect(organization.locator("option:checked")).toHaveText(GLOBEX.name);
  for (const name of [ACME.name, GLOBEX.name]) await expect(organization.getByRole("option", { name, exact: true })).toHaveCount(1);
  await expect(organization.locator("option", { hasText: /^org_/ })).toHaveCount(0);
  await expect(page.getByLabel(`Role: ${MEMBER_ROLE.slug}`)).toBeVisible();
  const globexNote = uniqueNote("Globex plan");
  await addNote(page, globexNote);
  await expect(noteList(page).getByText(acmeNote)).toHaveCount(0);

  // In place, without leaving the page: the session is refreshed for Acme and Convex follows.
  await organization.selectOption({ label: ACME.name });
  await expect(organization).toHaveValue(ACME.id);
  await expect(page.getByLabel(`Role: ${ADMIN_ROLE.slug}`)).toBeVisible();
  await expect(noteList(page).getByText(acmeNote, { exact: true })).toBeVisible();
  await expect(noteList(page).getByText(globexNote)).toHaveCount(0);
  await expect(page).toHaveURL(`${stack.appUrl}/app`);
});
