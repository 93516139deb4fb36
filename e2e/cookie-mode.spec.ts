import { withOwnStack, expect } from "./fixtures.ts";
import { expectHostedPage, signIn, signOut, welcome } from "./support/flows.ts";
import { addNote, noteList, uniqueNote } from "./support/notes.ts";

// VITE_WORKOS_DEV_MODE=false: the AuthKit client keeps the refresh token in an httpOnly cookie
// of the AuthKit host, as in production; served as a production build by `vite preview`.
const test = withOwnStack({ name: "cookie-mode", server: "preview", devMode: false });

test("in cookie (production) mode a user signs in, adds a note, keeps the session over a reload and signs out", async ({
  page,
  context,
  stack,
  user,
}) => {
  await signIn(page, stack.authkitUrl, user);
  // Production mode keeps no refresh token where page scripts can read it.
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("workos:refresh-token")));
  expect(stored).toEqual([]);
  const cookies = await context.cookies(stack.authkitUrl);
  expect(cookies.some((cookie) => cookie.httpOnly)).toBe(true);

  const note = uniqueNote("Cookie-mode note");
  await addNote(page, note);

  await page.reload();
  await expect(welcome(page, user)).toBeVisible();
  await expect(noteList(page).getByText(note, { exact: true })).toBeVisible();

  await signOut(page);
  await page.goto("/app");
  await expectHostedPage(page, stack.authkitUrl);
});
