import { expect, type Browser, type Page } from "@playwright/test";
import { expectHostedPage, signIn, signInEntry, welcome } from "../support/flows.ts";
import type { TestUser } from "../support/users.ts";

/** What one sign-in cost, from pressing the hosted form's button to the greeting from Convex. */
export interface SignInSample {
  ms: number;
  /** HTTP requests the browser made in that span (each redirect hop counts), by kind. */
  requests: { navigations: number; authkitApi: number; assets: number; other: number; total: number };
  /** Convex WebSocket connections opened and messages sent in that span. */
  websockets: number;
  convexMessagesSent: number;
  /** `METHOD url` of each request, in order, for reading where the time goes. */
  requestLog: string[];
}

/**
 * Browser-side code, kept as source text: the bench runs under tsx, whose transform would wrap
 * functions in helpers that do not exist in the page.
 *
 * SEEN_AT records, in every document, the wall-clock moment a text first appears, under that
 * text: a page watched for several texts in turn keeps the observers of earlier ones, whose text
 * is already there, and they must not answer for the next. Clocks are those of one machine, so
 * the Node side can compare its own timestamps with it.
 */
const SEEN_AT = `(needle) => {
  const seen = (window.__seenAt ??= {});
  const check = () => {
    if (seen[needle] === undefined && document.body && document.body.innerText.includes(needle)) seen[needle] = Date.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
  check();
}`;

async function watchFor(page: Page, text: string): Promise<void> {
  await page.addInitScript({ content: `(${SEEN_AT})(${JSON.stringify(text)})` });
}

function seenAt(page: Page, text: string): Promise<number | undefined> {
  return page.evaluate(`window.__seenAt?.[${JSON.stringify(text)}]`);
}

export async function measureSignIn(browser: Browser, appUrl: string, authkitUrl: string, user: TestUser): Promise<SignInSample> {
  const context = await browser.newContext({ baseURL: appUrl });
  const page = await context.newPage();
  try {
    await watchFor(page, `Welcome, ${user.name}`);
    await page.goto("/");
    await signInEntry(page).click();
    await expectHostedPage(page, authkitUrl);
    await page.getByLabel("Email", { exact: true }).fill(user.email);
    // The hosted sign-in is email-first: the measured submit is the password step's.
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.getByLabel("Password", { exact: true }).fill(user.password);

    const requests = { navigations: 0, authkitApi: 0, assets: 0, other: 0, total: 0 };
    const requestLog: string[] = [];
    let websockets = 0;
    let convexMessagesSent = 0;
    page.on("request", (request) => {
      requests.total++;
      requestLog.push(`${request.method()} ${request.url()}`);
      if (request.isNavigationRequest()) requests.navigations++;
      else if (request.url().startsWith(authkitUrl)) requests.authkitApi++;
      else if (["script", "stylesheet", "image", "font"].includes(request.resourceType())) requests.assets++;
      else requests.other++;
    });
    page.on("websocket", (ws) => {
      websockets++;
      ws.on("framesent", () => convexMessagesSent++);
    });

    const submittedAt = Date.now();
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(welcome(page, user)).toBeVisible({ timeout: 30_000 });
    const shownAt = await seenAt(page, `Welcome, ${user.name}`);
    if (shownAt === undefined) throw new Error("The greeting was visible but its moment was not recorded");
    return { ms: shownAt - submittedAt, requests, websockets, convexMessagesSent, requestLog };
  } finally {
    await context.close();
  }
}

/** Milliseconds from pressing **Add note** in one tab to the note appearing in another tab of the same user. */
export async function measureLiveUpdates(
  browser: Browser,
  appUrl: string,
  authkitUrl: string,
  user: TestUser,
  runs: number,
): Promise<number[]> {
  const writer = await browser.newContext({ baseURL: appUrl });
  const reader = await browser.newContext({ baseURL: appUrl });
  try {
    const [a, b] = [await writer.newPage(), await reader.newPage()];
    await signIn(a, authkitUrl, user);
    await signIn(b, authkitUrl, user);
    await b.goto("/app");
    await a.goto("/app");
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const text = `bench note ${i} ${Date.now()}`;
      await b.evaluate(`(${SEEN_AT})(${JSON.stringify(text)})`);
      await a.getByLabel("New note", { exact: true }).fill(text);
      const clickedAt = Date.now();
      await a.getByRole("button", { name: "Add note", exact: true }).click();
      await expect(b.getByText(text)).toBeVisible();
      const shownAt = await seenAt(b, text);
      if (shownAt === undefined) throw new Error("The note was visible in the other tab but its moment was not recorded");
      samples.push(shownAt - clickedAt);
    }
    return samples;
  } finally {
    await writer.close();
    await reader.close();
  }
}
