import { randomBytes } from "node:crypto";
import { ACME, ACME_SSO, ADMIN_ROLE, ALICE, GLOBEX, MEMBER_ROLE } from "../emulators/authkit/demo-world.ts";
import { expect, test } from "./fixtures.ts";
import { expectHostedPage, signInEntry, submitHostedEmail, submitHostedSignIn, welcome } from "./support/flows.ts";
import { demoAccount, newUser } from "./support/users.ts";

const organization = (page: import("@playwright/test").Page) => page.getByRole("combobox", { name: "Organization" });

test("SSO by domain: a new acme.test identity signs in through Acme's Local IdP and lands in Acme as a member", async ({ page, stack }) => {
  const email = `sso-${randomBytes(4).toString("hex")}@acme.test`;
  await page.goto("/");
  await signInEntry(page).click();
  await expectHostedPage(page, stack.authkitUrl);
  await submitHostedEmail(page, email);
  await expect(page.getByRole("heading", { name: ACME_SSO.name, exact: true })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
  await page.getByLabel("First name (optional)", { exact: true }).fill("Sam");
  await page.getByLabel("Last name (optional)", { exact: true }).fill("Single");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(welcome(page, { name: "Sam Single" })).toBeVisible();
  await expect(organization(page)).toHaveValue(ACME.id);
  await expect(page.getByLabel(`Role: ${MEMBER_ROLE.slug}`)).toBeVisible();
});

test("organization-scoped sign-in: /sign-in?organization_id= signs a member of two organizations straight in to that one", async ({ page, stack }) => {
  const alice = demoAccount(ALICE);
  await page.goto(`/sign-in?organization_id=${GLOBEX.id}`);
  await expectHostedPage(page, stack.authkitUrl);
  await submitHostedSignIn(page, alice);
  await expect(welcome(page, alice)).toBeVisible();
  await expect(organization(page)).toHaveValue(GLOBEX.id);
});

test("organization-scoped sign-in to an organization with SSO goes straight to its IdP", async ({ page, stack }) => {
  await page.goto(`/sign-in?organization_id=${ACME.id}`);
  await page.waitForURL((url) => url.origin === new URL(stack.authkitUrl).origin && url.pathname.startsWith("/local-idp/"));
  await expect(page.getByRole("heading", { name: ACME_SSO.name, exact: true })).toBeVisible();
});

test("Magic Auth: a code by email (read from the log's twin, /_local/codes) signs in without the password", async ({ page, stack, user }) => {
  await page.goto("/");
  await signInEntry(page).click();
  await expectHostedPage(page, stack.authkitUrl);
  await submitHostedEmail(page, user.email);
  await page.getByRole("button", { name: "Email me a code", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Check your email", exact: true })).toBeVisible();
  const codes = (await (await fetch(`${stack.authkitUrl}/_local/codes?${new URLSearchParams({ email: user.email })}`)).json()) as { magic_auth_code: string };
  await page.getByLabel("Code", { exact: true }).fill(codes.magic_auth_code);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(welcome(page, user)).toBeVisible();
  await page.goto("/account");
  await expect(page.getByText("MagicAuth")).toBeVisible();
});

test("invitation sign-up: the invitee signs up through the link, locked to the invited email, and lands in the organization with the invited role", async ({ page, stack }) => {
  const invitee = newUser("Ivy", "Invited");
  const sent = await fetch(`${stack.authkitUrl}/user_management/invitations`, {
    method: "POST",
    headers: { Authorization: `Bearer ${stack.authkitApiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ email: invitee.email, organization_id: GLOBEX.id, role_slug: ADMIN_ROLE.slug }),
  });
  expect(sent.status).toBe(201);
  const { token } = (await sent.json()) as { token: string };
  await page.goto(`/sign-up?${new URLSearchParams({ invitation_token: token })}`);
  await expectHostedPage(page, stack.authkitUrl);
  await expect(page.getByText(`You have been invited to join ${GLOBEX.name} as ${invitee.email}.`)).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(invitee.email);
  await expect(page.getByLabel("Email", { exact: true })).not.toBeEditable();
  await page.getByLabel("First name", { exact: true }).fill(invitee.firstName);
  await page.getByLabel("Last name", { exact: true }).fill(invitee.lastName);
  await page.getByLabel("Password", { exact: true }).fill(invitee.password);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(welcome(page, invitee)).toBeVisible();
  await expect(organization(page)).toHaveValue(GLOBEX.id);
  await expect(page.getByLabel(`Role: ${ADMIN_ROLE.slug}`)).toBeVisible();
});
