import { withOwnStack, expect } from "./fixtures.ts";
import { signIn, welcome } from "./support/flows.ts";
import { addNote, noteList, uniqueNote } from "./support/notes.ts";
import { afterNextRefresh, countRefreshes, expiresAtMs, watchSignedOutUi } from "./support/signed-out-watch.ts";

// Emulator data on disk, so either emulator can be stopped and started again without losing it;
// short-lived tokens, so a refresh falls while the local AuthKit is away.
const test = withOwnStack({ name: "resilience", server: "dev", persistent: true, accessTokenTtlSeconds: 12 });

test("the app reconnects when the local Convex restarts mid-session, and a note added just before is kept", async ({ page, stack, ownStack, user }) => {
  const refreshes = countRefreshes(page, stack.authkitUrl);
  await signIn(page, stack.authkitUrl, user);
  const signedOutSeen = await watchSignedOutUi(page, stack.authkitUrl);
  const before = uniqueNote("Added just before the restart");
  await addNote(page, before);

  await ownStack.stopConvex();
  await ownStack.startConvex();

  const after = uniqueNote("Added after the restart");
  await addNote(page, after);
  await expect(noteList(page).getByText(before, { exact: true })).toBeVisible();

  // A reload reads both from the restarted backend, not from the page's memory.
  await afterNextRefresh(refreshes);
  await page.reload();
  await expect(welcome(page, user)).toBeVisible();
  await expect(noteList(page).getByText(before, { exact: true })).toBeVisible();
  await expect(noteList(page).getByText(after, { exact: true })).toBeVisible();
  expect(signedOutSeen()).toEqual([]);
});

test("the user stays signed in while the local AuthKit is unreachable past token expiry, and recovers when it returns", async ({
  page,
  stack,
  ownStack,
  user,
}) => {
  const refreshes = countRefreshes(page, stack.authkitUrl);
  await signIn(page, stack.authkitUrl, user);
  const signedOutSeen = await watchSignedOutUi(page, stack.authkitUrl);
  await expect.poll(() => refreshes.ok).toBeGreaterThanOrEqual(1);

  await afterNextRefresh(refreshes);
  await ownStack.stopAuthKit();
  await expect.poll(() => refreshes.failed, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  // Past the expiry of the last token issued, no refresh has succeeded: the session must hold anyway.
  const expiry = expiresAtMs(refreshes.lastAccessToken);
  await expect.poll(() => Date.now() > expiry + 1000, { timeout: 30_000 }).toBe(true);
  await expect(welcome(page, user)).toBeVisible();
  expect(signedOutSeen()).toEqual([]);

  const okBefore = refreshes.ok;
  await ownStack.startAuthKit();
  await expect.poll(() => refreshes.ok, { timeout: 30_000 }).toBeGreaterThan(okBefore);
  await addNote(page, uniqueNote("Added after AuthKit came back"));
  await expect(page).toHaveURL(`${stack.appUrl}/app`);
  expect(signedOutSeen()).toEqual([]);
});

test("with the local Convex down, a signed-in page says so and offers Sign out, then continues by itself when Convex is back", async ({ page, stack, ownStack, user }) => {
  const refreshes = countRefreshes(page, stack.authkitUrl);
  await signIn(page, stack.authkitUrl, user);
  await ownStack.stopConvex();
  try {
    await afterNextRefresh(refreshes);
    await page.reload();
    const alert = page.getByRole("alert").filter({ hasText: "Can't reach the Convex backend" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(stack.convexUrl);
    await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  } finally {
    await ownStack.startConvex();
  }
  await expect(welcome(page, user)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("a connection lost later in the session shows a small Reconnecting notice over the page, gone once Convex is back", async ({ page, stack, ownStack, user }) => {
  await signIn(page, stack.authkitUrl, user);
  await ownStack.stopConvex();
  try {
    await expect(page.getByText(/Reconnecting to Convex/)).toBeVisible();
    await expect(welcome(page, user)).toBeVisible();
  } finally {
    await ownStack.startConvex();
  }
  await expect(page.getByText(/Reconnecting to Convex/)).toHaveCount(0, { timeout: 30_000 });
  await addNote(page, uniqueNote("Added after Convex came back"));
});
