import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { expectHostedPage, submitHostedSignIn, welcome } from "./support/flows.ts";

/** Rewrites the OAuth `state` on its way to the hosted page, as an attacker crafting the authorize link would. */
async function tamperWithState(page: Page, authkitUrl: string, returnTo: string): Promise<void> {
  await page.route(`${authkitUrl}/user_management/authorize?**`, (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set("state", JSON.stringify({ returnTo }));
    return route.continue({ url: url.toString() });
  });
}

const HOSTILE_RETURN_TO = ["//evil.example", "https://evil.example/x", "javascript:alert(1)", "\\\\evil.example"];

for (const returnTo of HOSTILE_RETURN_TO) {
  test(`a returnTo of ${returnTo} ends on an in-app page, from the sign-in link or a tampered state`, async ({ page, stack, user }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    // Through the sign-in endpoint's query string, as in a crafted link.
    await page.goto(`/sign-in?${new URLSearchParams({ returnTo })}`);
    await expectHostedPage(page, stack.authkitUrl);
    await submitHostedSignIn(page, user);
    await expect(welcome(page, user)).toBeVisible();
    await expect(page).toHaveURL(`${stack.appUrl}/app`);

    await tamperWithState(page, stack.authkitUrl, returnTo);
    await page.goto("/sign-in");
    await expectHostedPage(page, stack.authkitUrl);
    await submitHostedSignIn(page, user);
    await expect(welcome(page, user)).toBeVisible();
    await expect(page).toHaveURL(`${stack.appUrl}/app`);
    expect(dialogs).toEqual([]);
  });
}

// The counterpart of the tests above: an in-app returnTo from either place is followed, so ending
// on /app there is the validation at work, not a value the app never read.
test("an in-app returnTo, from the sign-in link or the OAuth state, is followed", async ({ page, stack, user }) => {
  await page.goto(`/sign-in?${new URLSearchParams({ returnTo: "/app/account?from=link" })}`);
  await expectHostedPage(page, stack.authkitUrl);
  await submitHostedSignIn(page, user);
  await expect(page).toHaveURL(`${stack.appUrl}/app/account?from=link`);
  await expect(page.getByRole("main").getByText(user.email)).toBeVisible();

  await tamperWithState(page, stack.authkitUrl, "/app/account?from=state");
  await page.goto("/sign-in");
  await expectHostedPage(page, stack.authkitUrl);
  await submitHostedSignIn(page, user);
  await expect(page).toHaveURL(`${stack.appUrl}/app/account?from=state`);
  await expect(page.getByRole("main").getByText(user.email)).toBeVisible();
});

test("a callback code used a second time shows the callback error page with Try again", async ({ page, stack, user }) => {
  let callbackUrl = "";
  let codeVerifier = "";
  page.on("request", (request) => {
    if (request.isNavigationRequest() && request.url().startsWith(`${stack.appUrl}/callback?`)) callbackUrl = request.url();
    if (request.method() === "POST" && request.url().startsWith(`${stack.authkitUrl}/user_management/authenticate`)) {
      const body = request.postDataJSON() as { grant_type?: string; code_verifier?: string };
      if (body.grant_type === "authorization_code" && body.code_verifier) codeVerifier = body.code_verifier;
    }
  });
  await page.goto("/sign-in");
  await expectHostedPage(page, stack.authkitUrl);
  await submitHostedSignIn(page, user);
  await expect(welcome(page, user)).toBeVisible();
  expect(callbackUrl).toContain("code=");

  // Replay the same code with its own verifier, as going back to the callback page would: only
  // the code's single use stands in the way.
  await page.addInitScript((verifier: string) => {
    if (location.pathname === "/callback") sessionStorage.setItem("workos:code-verifier", verifier);
  }, codeVerifier);
  const replayed = page.waitForResponse(
    (response) =>
      response.url().startsWith(`${stack.authkitUrl}/user_management/authenticate`) &&
      response.request().postData()?.includes('"authorization_code"') === true,
  );
  await page.goto(callbackUrl);

  // Refused as a spent code, not for a missing verifier or anything else.
  const refusal = await replayed;
  expect(refusal.status()).toBe(400);
  expect(await refusal.json()).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/already used/) });
  await expect(page.getByRole("heading", { name: "We couldn't finish signing you in" })).toBeVisible();
  await page.getByRole("link", { name: "Try again" }).click();
  await expectHostedPage(page, stack.authkitUrl);
});
