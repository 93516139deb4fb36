import { expect, test } from "./fixtures.ts";
import { signIn, welcome } from "./support/flows.ts";
import { addNote, noteList, uniqueNote } from "./support/notes.ts";
import { createUser, newUser } from "./support/users.ts";

test("a note shows up live in the same user's other browser, never for another user, and survives a reload", async ({
  page,
  browser,
  stack,
  user,
}) => {
  const otherBrowser = await browser.newContext({ baseURL: stack.appUrl });
  const strangerBrowser = await browser.newContext({ baseURL: stack.appUrl });
  try {
    const sameUser = await otherBrowser.newPage();
    const stranger = await strangerBrowser.newPage();
    const strangerUser = await createUser(stack.authkitUrl, newUser("Sam", "Stranger"));
    await signIn(page, stack.authkitUrl, user);
    await signIn(sameUser, stack.authkitUrl, user);
    await signIn(stranger, stack.authkitUrl, strangerUser);

    const note = uniqueNote("Buy oat milk");
    await addNote(page, note);
    await expect(noteList(sameUser).getByText(note, { exact: true })).toBeVisible();

    // The stranger's own note arriving proves their list is live and loaded, so the absence of
    // the other user's note is a real answer, not a list that has not loaded yet.
    const strangersNote = uniqueNote("Stranger's note");
    await addNote(stranger, strangersNote);
    await expect(stranger.getByText(note)).toHaveCount(0);
    await expect(page.getByText(strangersNote)).toHaveCount(0);

    await page.reload();
    await expect(welcome(page, user)).toBeVisible();
    await expect(noteList(page).getByText(note, { exact: true })).toBeVisible();
  } finally {
    await otherBrowser.close();
    await strangerBrowser.close();
  }
});

test("with the keyboard alone a note is written, edited and deleted, and Undo brings it back in every tab", async ({ page, browser, stack, user }) => {
  const otherBrowser = await browser.newContext({ baseURL: stack.appUrl });
  try {
    const other = await otherBrowser.newPage();
    await signIn(page, stack.authkitUrl, user);
    await signIn(other, stack.authkitUrl, user);
    const text = uniqueNote("Typed, never clicked");
    await page.getByLabel("New note", { exact: true }).focus();
    await page.keyboard.type(text);
    await page.keyboard.press("Control+Enter");
    await expect(noteList(page).getByText(text, { exact: true })).toBeVisible();
    await expect(page.getByLabel("New note", { exact: true })).toBeFocused();

    await page.getByRole("button", { name: `Edit note: ${text}` }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("Edit note", { exact: true })).toBeFocused();
    await page.keyboard.type(" (edited)");
    await page.keyboard.press("Control+Enter");
    const edited = `${text} (edited)`;
    await expect(noteList(other).getByText(edited, { exact: true })).toBeVisible();

    await page.getByRole("button", { name: /^Delete note: Typed, never clicked/ }).focus();
    await page.keyboard.press("Enter");
    await expect(noteList(other).getByText(edited, { exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Undo", exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(noteList(page).getByText(edited, { exact: true })).toBeVisible();
    await expect(noteList(other).getByText(edited, { exact: true })).toBeVisible();
  } finally {
    await otherBrowser.close();
  }
});
