import { withOwnStack, expect } from "./fixtures.ts";
import { signIn, welcome } from "./support/flows.ts";
import { addNote, uniqueNote } from "./support/notes.ts";
import { countRefreshes, watchSignedOutUi } from "./support/signed-out-watch.ts";

// Access tokens that last 12 s: the AuthKit client refreshes 10 s before expiry, so every ~2 s.
const test = withOwnStack({ name: "short-tokens", server: "dev", accessTokenTtlSeconds: 12 });

test("short-lived access tokens are refreshed silently: the UI never flashes signed-out and Convex keeps answering", async ({
  page,
  stack,
  user,
}) => {
  const refreshes = countRefreshes(page, stack.authkitUrl);
  const convexAuthentications: string[] = [];
  page.on("websocket", (ws) =>
    ws.on("framesent", ({ payload }) => {
      if (typeof payload === "string" && payload.includes('"Authenticate"')) convexAuthentications.push(payload);
    }),
  );
  await signIn(page, stack.authkitUrl, user);
  const signedOutSeen = await watchSignedOutUi(page, stack.authkitUrl);

  // Several generations of tokens, each handed to Convex.
  await expect.poll(() => refreshes.ok, { timeout: 45_000 }).toBeGreaterThanOrEqual(4);
  await expect.poll(() => new Set(convexAuthentications).size, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);

  await addNote(page, uniqueNote("Written with a refreshed token"));
  await expect(welcome(page, user)).toBeVisible();
  await expect(page).toHaveURL(`${stack.appUrl}/app`);
  expect(refreshes.failed).toBe(0);
  expect(signedOutSeen()).toEqual([]);
});
