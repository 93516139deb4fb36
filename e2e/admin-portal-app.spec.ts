import { randomUUID } from "node:crypto";
import { ACME, ALICE } from "../emulators/authkit/demo-world.ts";
import { expect, test } from "./fixtures.ts";
import { expectHostedPage, signInEntry, submitHostedEmail, submitHostedSignIn, welcome } from "./support/flows.ts";
import { demoAccount } from "./support/users.ts";

// Alice, from the local AuthKit's seed: admin of Acme Corp (and member of Globex).
const alice = demoAccount(ALICE);

test("an admin sets up directory sync through the Admin Portal; a directory user signs in as a member, becomes an admin through a mapped group, and loses access live when the directory removes them, their session ended", async ({
  page,
  browser,
  stack,
}) => {
  // 1. Alice opens Organization settings from the nav.
  await page.goto("/");
  await signInEntry(page).click();
  await expectHostedPage(page, stack.authkitUrl);
  await submitHostedSignIn(page, alice);
  await page.getByRole("button", { name: ACME.name, exact: true }).click();
  await expect(welcome(page, alice)).toBeVisible();
  await page.getByRole("navigation", { name: "Organization pages" }).getByRole("link", { name: "Organization settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organization settings" })).toBeVisible();
  // The seed's SSO connection and verified domain, read from WorkOS when the page opens.
  await expect(page.getByRole("list", { name: "Single sign-on" })).toContainText("Acme Corp Okta");
  await expect(page.getByRole("list", { name: "Domains" })).toContainText("acme.test Verified");

  // 2. Set up directory sync: a fresh portal link, straight to the local Admin Portal.
  await page.getByRole("button", { name: "Set up directory sync" }).click();
  await expect(page.getByRole("heading", { name: "Set up Directory Sync" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(stack.authkitUrl);
  const directoryName = `Acme SCIM ${randomUUID().slice(0, 8)}`;
  await page.getByLabel("Directory name").fill(directoryName);
  await page.getByRole("button", { name: "Create directory" }).click();
  const created = page.getByRole("region", { name: directoryName });
  const endpoint = (await created.getByText(/\/_local\/directories\/directory_\w+\/users$/).textContent())!;

  // 3. Back in the app, on the settings page, which shows the new directory.
  await page.getByRole("link", { name: "Done: return to the app" }).click();
  await expect(page).toHaveURL(`${stack.appUrl}/app/organization`);
  const directories = page.getByRole("list", { name: "Directory sync" });
  await expect(directories).toContainText(directoryName);

  // 4. The identity provider pushes a user; WorkOS provisions them as a directory-managed member.
  const email = `dana.${randomUUID().slice(0, 8)}@example.com`;
  const pushed = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, first_name: "Dana", last_name: "Directory" }),
  });
  expect(pushed.status).toBe(201);
  const directoryUser = (await pushed.json()) as { id: string };
  await expect(directories.getByRole("listitem").filter({ hasText: directoryName })).toContainText("1 active user");

  // 5. Dana has no password: she signs in with a Magic Auth code and lands in Acme as a member.
  const danaContext = await browser.newContext({ baseURL: stack.appUrl });
  const dana = await danaContext.newPage();
  await dana.goto("/");
  await signInEntry(dana).click();
  await expectHostedPage(dana, stack.authkitUrl);
  await submitHostedEmail(dana, email);
  await dana.getByRole("button", { name: "Email me a code", exact: true }).click();
  const codes = (await (await fetch(`${stack.authkitUrl}/_local/codes?${new URLSearchParams({ email })}`)).json()) as { magic_auth_code: string };
  await dana.getByLabel("Code", { exact: true }).fill(codes.magic_auth_code);
  await dana.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(welcome(dana, { name: "Dana Directory" })).toBeVisible();
  await expect(dana.getByLabel("Role: member")).toBeVisible();
  await expect(dana.getByRole("navigation", { name: "Organization pages" }).getByRole("link", { name: "Organization settings" })).toHaveCount(0);

  // Alice's Members page shows Dana with the directory badge and no role control.
  await page.getByRole("navigation", { name: "Organization pages" }).getByRole("link", { name: "Members" }).click();
  const danaRow = page.getByRole("row", { name: /Dana Directory/ });
  await expect(danaRow.getByText("Directory", { exact: true })).toBeVisible();
  await expect(danaRow.getByRole("combobox")).toHaveCount(0);

  // 6. The directory maps a group to admin; added to it, Dana is an admin at once, on both pages.
  const directoryId = endpoint.match(/directories\/(directory_\w+)\/users$/)![1];
  const local = (path: string, method: string, body: unknown) =>
    fetch(`${stack.authkitUrl}/_local/directories/${directoryId}${path}`, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const groupResponse = await local("/groups", "POST", { name: "Acme Admins" });
  expect(groupResponse.status).toBe(201);
  const group = (await groupResponse.json()) as { id: string };
  expect((await local(`/groups/${group.id}/role`, "PUT", { role: "admin" })).status).toBe(200);
  expect((await local(`/groups/${group.id}/users`, "POST", { directory_user_id: directoryUser.id })).status).toBe(201);
  await expect(danaRow).toContainText("admin");
  await expect(dana.getByLabel("Role: admin")).toBeVisible();
  await expect(dana.getByRole("navigation", { name: "Organization pages" }).getByRole("link", { name: "Organization settings" })).toBeVisible();
  await expect(danaRow.getByRole("combobox")).toHaveCount(0);

  // 7. Removed in the directory: Dana's open tab loses the organization at once.
  const removed = await fetch(`${stack.authkitUrl}/_local/directories/${directoryId}/users/${directoryUser.id}`, { method: "DELETE" });
  expect(removed.status).toBe(204);
  await expect(dana.getByRole("alert")).toContainText("You no longer have access to this organization");
  await expect(dana.getByRole("alert")).toContainText(`Your membership in ${ACME.name} has been deactivated.`);
  await expect(danaRow).toContainText("Deactivated");

  // 8. Her WorkOS session in Acme is ended too (Convex's action revokes it), so a reload does not
  // get her back in: the refresh is refused and the app sends her to sign in.
  const api = (path: string) => fetch(`${stack.authkitUrl}${path}`, { headers: { Authorization: `Bearer ${stack.authkitApiKey}` } });
  const users = (await (await api(`/user_management/users?${new URLSearchParams({ email })}`)).json()) as { data: { id: string }[] };
  const sessionsInAcme = async () => {
    const list = (await (await api(`/user_management/users/${users.data[0]!.id}/sessions`)).json()) as { data: { organization_id?: string }[] };
    return list.data.filter((session) => session.organization_id === ACME.id).length;
  };
  await expect.poll(sessionsInAcme, { message: "Dana's session in Acme is revoked" }).toBe(0);
  await dana.reload();
  await expectHostedPage(dana, stack.authkitUrl);
  await danaContext.close();
});
