import type { Browser, Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { ACME, ALICE } from "../emulators/authkit/demo-world.ts";
import { expect, test } from "./fixtures.ts";
import { expectHostedPage, signIn, submitHostedSignIn, welcome } from "./support/flows.ts";
import { addNote, noteList, uniqueNote } from "./support/notes.ts";
import { demoAccount, newUser, type TestUser } from "./support/users.ts";

// One story across three browsers; the shared stack keeps its data between steps.
test.describe.configure({ timeout: 120_000 });

const organization = (page: Page) => page.getByRole("combobox", { name: "Organization" });
const role = (page: Page, slug: string) => page.getByRole("banner").getByLabel(`Role: ${slug}`);
const memberRow = (page: Page, email: string) => page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: email });

/** The invitation link the local AuthKit "emailed" (no mail is sent): `GET /_local/invitations?email=`. */
async function invitationLink(authkitUrl: string, email: string): Promise<string> {
  const response = await fetch(`${authkitUrl}/_local/invitations?${new URLSearchParams({ email })}`);
  expect(response.status).toBe(200);
  const { invitations } = (await response.json()) as { invitations: { accept_invitation_url: string }[] };
  expect(invitations.length).toBeGreaterThan(0);
  return invitations[0]!.accept_invitation_url;
}

async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  return (await browser.newContext({ baseURL })).newPage();
}

test("a user creates an organization, invites someone who signs up from the link, changes their role and removes them; every page follows live", async ({ page, browser, stack, user: owner }) => {
  const orgName = `Initech ${randomBytes(3).toString("hex")}`;

  // Someone in no organization, like the demo's Carol, creates one from the home page.
  await signIn(page, stack.authkitUrl, owner);
  await expect(page.getByRole("banner")).toContainText("No organization");
  await page.getByLabel("Organization name", { exact: true }).fill(orgName);
  await page.getByRole("button", { name: "Create organization", exact: true }).click();
  await expect(organization(page).locator("option:checked")).toHaveText(orgName);
  await expect(role(page, "admin")).toBeVisible();
  await expect(welcome(page, owner)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Create an organization" })).toHaveCount(0);

  // The Members page lists her as its admin, and lets her invite.
  await page.getByRole("navigation", { name: "Organization pages" }).getByRole("link", { name: "Members" }).click();
  await expect(memberRow(page, owner.email)).toContainText("(you)");
  await expect(page.getByRole("combobox", { name: `Role of ${owner.name}` })).toHaveValue("admin");
  const invitee: TestUser = newUser("Ivy", "Invitee");
  await page.getByLabel("Email", { exact: true }).fill(invitee.email);
  await page.getByLabel("Role", { exact: true }).selectOption("member");
  await page.getByRole("button", { name: "Send invitation", exact: true }).click();
  await expect(page.getByText(`Invitation sent to ${invitee.email} as member.`)).toBeVisible();
  const pending = page.getByRole("list", { name: "Pending invitations" });
  await expect(pending).toContainText(invitee.email);

  // The invitee opens the link from the email, accepts, signs up and lands in the organization.
  const link = await invitationLink(stack.authkitUrl, invitee.email);
  expect(new URL(link).origin).toBe(stack.appUrl);
  const ivy = await newPage(browser, stack.appUrl);
  await ivy.goto(link);
  await expect(ivy.getByRole("heading", { name: `Join ${orgName}` })).toBeVisible();
  await expect(ivy.getByText(`${orgName} invited ${invitee.email} to join it.`, { exact: false })).toBeVisible();
  await ivy.getByRole("button", { name: "Accept invitation", exact: true }).click();
  await expectHostedPage(ivy, stack.authkitUrl);
  await expect(ivy.getByLabel("Email", { exact: true })).toHaveValue(invitee.email);
  await ivy.getByLabel("First name", { exact: true }).fill(invitee.firstName);
  await ivy.getByLabel("Last name", { exact: true }).fill(invitee.lastName);
  await ivy.getByLabel("Password", { exact: true }).fill(invitee.password);
  await ivy.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(welcome(ivy, invitee)).toBeVisible();
  await expect(organization(ivy).locator("option:checked")).toHaveText(orgName);
  await expect(role(ivy, "member")).toBeVisible();

  // She appears in the owner's open list without a reload, and her invitation is no longer pending.
  await expect(memberRow(page, invitee.email)).toContainText("member");
  await expect(pending).toHaveCount(0);

  // Shared notes: what one member writes, the other sees live; an outsider never does.
  await page.getByRole("link", { name: "Home", exact: true }).click();
  const shared = uniqueNote("Initech plan");
  await addNote(page, shared);
  await expect(noteList(ivy).getByText(shared, { exact: true })).toBeVisible();
  const outsider = await newPage(browser, stack.appUrl);
  await outsider.goto("/");
  await outsider.getByRole("button", { name: "Sign in", exact: true }).click();
  await expectHostedPage(outsider, stack.authkitUrl);
  await submitHostedSignIn(outsider, demoAccount(ALICE));
  await outsider.getByRole("button", { name: ACME.name, exact: true }).click();
  await expect(welcome(outsider, demoAccount(ALICE))).toBeVisible();
  await expect(noteList(outsider).or(outsider.getByText("No notes yet."))).toBeVisible();
  await expect(outsider.getByText(shared, { exact: true })).toHaveCount(0);
  await outsider.goto("/app/members");
  // Acme's list as the mirror has it (empty until a webhook or backfill has told Convex of its members).
  await expect(outsider.getByText(/No members to show yet/).or(memberRow(outsider, ALICE.email))).toBeVisible();
  await expect(outsider.getByRole("main")).not.toContainText(invitee.email);
  await outsider.context().close();

  // The owner makes her an admin: her page follows (the session is refreshed for the new role).
  await page.getByRole("link", { name: "Members" }).click();
  await page.getByRole("combobox", { name: `Role of ${invitee.name}` }).selectOption("admin");
  await expect(memberRow(page, invitee.email)).toBeVisible();
  await expect(role(ivy, "admin")).toBeVisible();
  await ivy.getByRole("link", { name: "Members" }).click();
  await expect(ivy.getByRole("heading", { name: "Invite member" })).toBeVisible();
  // And back to member: her page loses the manager's controls at once.
  await page.getByRole("combobox", { name: `Role of ${invitee.name}` }).selectOption("member");
  await expect(ivy.getByRole("heading", { name: "Invite member" })).toHaveCount(0);
  await expect(role(ivy, "member")).toBeVisible();

  // The owner removes her: her open page loses access live, without waiting for her token.
  await ivy.getByRole("link", { name: "Home" }).click();
  await expect(noteList(ivy).getByText(shared, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Remove ${invitee.name}`, exact: true }).click();
  await page.getByRole("group", { name: `Confirm removing ${invitee.name}` }).getByRole("button", { name: `Remove ${invitee.name}` }).click();
  await expect(memberRow(page, invitee.email)).toHaveCount(0);
  await expect(ivy.getByRole("alert")).toContainText("You no longer have access to this organization");
  await expect(ivy.getByRole("alert")).toContainText(`You are no longer a member of ${orgName}.`);
  await expect(ivy.getByText(shared, { exact: true })).toHaveCount(0);
  await ivy.context().close();
});

test("an invitation link that no invitation has is explained, with no way to accept it", async ({ page }) => {
  await page.goto("/invite?invitation_token=not-a-real-token");
  await expect(page.getByRole("alert")).toContainText("This invitation link is not valid");
  await expect(page.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
});
