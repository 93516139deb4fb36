import { expect, type Page } from "@playwright/test";
import { verificationCode, type TestUser } from "./users.ts";

/** The landing page's way in; a button today, a link would do as well. */
function entry(page: Page, name: "Sign in" | "Sign up") {
  return page
    .getByRole("button", { name, exact: true })
    .or(page.getByRole("link", { name, exact: true }))
    .first();
}

/** Waits for the local AuthKit's hosted page (another origin than the app). */
export async function expectHostedPage(page: Page, authkitUrl: string): Promise<void> {
  await page.waitForURL((url) => url.origin === new URL(authkitUrl).origin);
  await expect(page.getByLabel("Email", { exact: true })).toBeVisible();
}

/** Submits the hosted sign-in's first step, the email (an SSO domain's email goes on to the Local IdP). */
export async function submitHostedEmail(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

/** Signs in on the hosted pages the browser is on: the email step, then the password step. */
export async function submitHostedSignIn(page: Page, user: Pick<TestUser, "email" | "password">): Promise<void> {
  await submitHostedEmail(page, user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** What the signed-in home shows once Convex has answered with the user's identity. */
export function welcome(page: Page, user: Pick<TestUser, "name">) {
  return page.getByText(`Welcome, ${user.name}`, { exact: false });
}

/** From the landing page, through the hosted sign-in, to the signed-in home. */
export async function signIn(page: Page, authkitUrl: string, user: TestUser): Promise<void> {
  await page.goto("/");
  await entry(page, "Sign in").click();
  await expectHostedPage(page, authkitUrl);
  await submitHostedSignIn(page, user);
  await expect(welcome(page, user)).toBeVisible();
}

/**
 * From the landing page through the hosted sign-up and its email verification step (the code is
 * read through the local AuthKit's test API, as no mail is sent), to the signed-in home.
 */
export async function signUp(page: Page, authkitUrl: string, user: TestUser): Promise<void> {
  await page.goto("/");
  await entry(page, "Sign up").click();
  await expectHostedPage(page, authkitUrl);
  await page.getByLabel("First name", { exact: true }).fill(user.firstName);
  await page.getByLabel("Last name", { exact: true }).fill(user.lastName);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(page.getByLabel("Code", { exact: true })).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(await verificationCode(authkitUrl, user.email));
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

/** The header's user menu button; Account and Sign out are behind it. */
export function userMenu(page: Page) {
  return page.getByRole("banner").getByRole("button", { name: "User menu", exact: true });
}

/** Sign out from the header's user menu, ending on the signed-out landing page. */
export async function signOut(page: Page): Promise<void> {
  await userMenu(page).click();
  await page.getByRole("banner").getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(entry(page, "Sign in")).toBeVisible();
}

export function signInEntry(page: Page) {
  return entry(page, "Sign in");
}
