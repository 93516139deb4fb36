import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { ACME, ACME_SSO } from "../emulators/authkit/demo-world.ts";
import { expect, test, type StackUrls } from "./fixtures.ts";
import { expectHostedPage, welcome } from "./support/flows.ts";

const hex = () => randomBytes(4).toString("hex");

/** From the landing page's link, the SSO page's work email and Continue. */
async function startSso(page: Page, email: string) {
  await page.goto("/");
  await page.getByRole("link", { name: "Sign in with SSO", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign in with SSO", exact: true })).toBeVisible();
  await page.getByLabel("Work email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

async function expectLocalIdp(page: Page, stack: StackUrls) {
  await page.waitForURL((url) => url.origin === new URL(stack.authkitUrl).origin && url.pathname.startsWith("/local-idp/"));
  await expect(page.getByRole("heading", { name: ACME_SSO.name, exact: true })).toBeVisible();
}

/** An organization with a verified domain and no SSO connection, made through the local AuthKit's API. */
async function organizationWithoutSso(stack: StackUrls): Promise<{ id: string; domain: string }> {
  const domain = `nosso-${hex()}.test`;
  const response = await fetch(`${stack.authkitUrl}/organizations`, {
    method: "POST",
    headers: { Authorization: `Bearer ${stack.authkitApiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name: `No SSO ${domain}`, domain_data: [{ domain, state: "verified" }] }),
  });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return { id, domain };
}

test("an acme.test email signs in with SSO from /sign-in/sso through Acme's Local IdP, lands in Acme, and the account page says SSO", async ({ page, stack }) => {
  const email = `sso-${hex()}@acme.test`;
  await startSso(page, email);
  await expectLocalIdp(page, stack);
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
  await page.getByLabel("First name (optional)", { exact: true }).fill("Sue");
  await page.getByLabel("Last name (optional)", { exact: true }).fill("Sso");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(welcome(page, { name: "Sue Sso" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Organization" })).toHaveValue(ACME.id);

  await page.goto("/account");
  const session = page.getByRole("region", { name: "Session" });
  await expect(session.getByText("SSO (single sign-on)", { exact: true })).toBeVisible();
  await expect(session.getByText(ACME_SSO.name)).toBeVisible();
});

test("an unknown domain, and a verified one without a connection, both get the one 'no SSO' answer and the normal sign-in", async ({ page, stack }) => {
  const { domain } = await organizationWithoutSso(stack);
  for (const email of [`pat@unknown-${hex()}.test`, `pat@${domain}`]) {
    await startSso(page, email);
    await expect(page.getByRole("status")).toHaveText(/does not sign in with SSO here/);
  }
  await page.getByRole("link", { name: "Use the normal sign-in", exact: true }).click();
  await expectHostedPage(page, stack.authkitUrl);
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(`pat@${domain}`);
});

test("an organization without an active connection: WorkOS's organization_invalid is a page that says so and leads to the normal sign-in", async ({ page, stack }) => {
  const { id } = await organizationWithoutSso(stack);
  // authkit-js always adds provider=authkit; an SSO sign-in to the organization is organization_id alone.
  const authorize = new URL("/user_management/authorize", stack.authkitUrl);
  authorize.search = new URLSearchParams({
    client_id: "client_local",
    redirect_uri: new URL("/callback", stack.appUrl).href,
    response_type: "code",
    code_challenge: "a".repeat(43),
    code_challenge_method: "S256",
    organization_id: id,
  }).toString();
  await page.goto(authorize.href);
  await page.waitForURL((url) => url.pathname === "/callback" && url.searchParams.get("error") === "organization_invalid");
  const alert = page.getByRole("alert");
  await expect(alert.getByRole("heading", { name: "Your organization can't sign you in with SSO" })).toBeVisible();
  await expect(alert).toContainText("ask your IT admin");
  await expect(alert).toContainText("organization_invalid");
  await alert.getByRole("link", { name: "Use your normal sign-in", exact: true }).click();
  await expectHostedPage(page, stack.authkitUrl);
});

test("an identity outside Acme's domains at its IdP comes back as a page that explains it, not a blank page", async ({ page, stack }) => {
  await startSso(page, `sso-${hex()}@acme.test`);
  await expectLocalIdp(page, stack);
  await page.getByLabel("Email", { exact: true }).fill(`someone-${hex()}@elsewhere.test`);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/callback");
  await expect(page.getByRole("heading", { name: "That account doesn't belong to this organization" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in with SSO", exact: true })).toHaveAttribute("href", /^\/sign-in\/sso/);
});
