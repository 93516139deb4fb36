import { GeneratePortalLinkIntent, WorkOS } from "@workos-inc/node";
import { startAuthKit, type AuthKitServer } from "../emulators/authkit/server.ts";
import { expect, test } from "./fixtures.ts";

/**
 * The Admin Portal as an organization's IT admin meets it: the app's server generates a link
 * (here the test, with the official SDK), the admin opens it, sets up, and lands on success_url.
 * The portal needs no app, so this file runs a Local AuthKit of its own, in memory.
 */
let authkit: AuthKitServer;
test.beforeAll(async () => {
  authkit = await startAuthKit({ port: 0, dataDir: null, log: false });
});
test.afterAll(async () => {
  await authkit?.close();
});

function portalLink(intent: GeneratePortalLinkIntent, successUrl: string): Promise<{ link: string }> {
  const { hostname, port } = new URL(authkit.url);
  const workos = new WorkOS(authkit.apiKey, { apiHostname: hostname, port: Number(port), https: false });
  return workos.portal.generateLink({ organization: "org_globex", intent, successUrl, returnUrl: successUrl });
}

test("the Admin Portal setup: verify a domain, set up a directory, land on success_url", async ({ page, baseURL }) => {
  const successUrl = `${baseURL}/?portal=done`;

  await page.goto((await portalLink(GeneratePortalLinkIntent.DomainVerification, successUrl)).link);
  await expect(page.getByRole("heading", { name: "Verify a domain" })).toBeVisible();
  await page.getByLabel("Domain").fill("globex.test");
  await page.getByRole("button", { name: "Add domain" }).click();
  const row = page.getByRole("region", { name: "globex.test" });
  await expect(row.getByText("pending")).toBeVisible();
  await expect(row.getByText(/workos-domain-verification-/)).toBeVisible();
  await row.getByRole("button", { name: "Verify globex.test" }).click();
  await expect(row.getByText("verified")).toBeVisible();
  await page.getByRole("link", { name: "Done: return to the app" }).click();
  await expect(page).toHaveURL(successUrl);

  await page.goto((await portalLink(GeneratePortalLinkIntent.DSync, successUrl)).link);
  await expect(page.getByRole("heading", { name: "Set up Directory Sync" })).toBeVisible();
  await page.getByLabel("Directory name").fill("Globex Entra ID");
  await page.getByLabel("Directory provider").selectOption("azure scim v2.0");
  await page.getByRole("button", { name: "Create directory" }).click();
  const directory = page.getByRole("region", { name: "Globex Entra ID" });
  await expect(directory.getByText("azure scim v2.0")).toBeVisible();
  const endpoint = await directory.getByText(/\/_local\/directories\/directory_\w+\/users$/).textContent();

  // The identity provider pushes a user to the endpoint the page shows: they become a Globex member.
  const pushed = await fetch(endpoint!, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: "ada@globex.test" }) });
  expect(pushed.status).toBe(201);

  await page.getByRole("link", { name: "Done: return to the app" }).click();
  await expect(page).toHaveURL(successUrl);
});

test("a portal link works once", async ({ page, baseURL }) => {
  const { link } = await portalLink(GeneratePortalLinkIntent.DSync, `${baseURL}/`);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Set up Directory Sync" })).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This Admin Portal link cannot be used" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("opened already");
});
