import { expect, test } from "./fixtures.ts";
import { expectHostedPage, submitHostedSignIn, welcome } from "./support/flows.ts";

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

    // Through the OAuth state itself, rewritten on its way to the hosted page.
    await page.route(`${stack.authkitUrl}/user_management/authorize?**`, (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set("state", JSON.stringify({ returnTo }));
      return route.continue({ url: url.toString() });
    });
    await page.goto("/sign-in");
    await expectHostedPage(page, stack.authkitUrl);
    await submitHostedSignIn(page, user);
    await expect(welcome(page, user)).toBeVisible();
    await expect(page).toHaveURL(`${stack.appUrl}/app`);
    expect(dialogs).toEqual([]);
  });
}

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
  await page.goto(callbackUrl);

  await expect(page.getByRole("heading", { name: "We couldn't finish signing you in" })).toBeVisible();
  await page.getByRole("link", { name: "Try again" }).click();
  await expectHostedPage(page, stack.authkitUrl);
});
