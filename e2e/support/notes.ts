import { expect, type Page } from "@playwright/test";

/** The signed-in home's list of notes. */
export function noteList(page: Page) {
  return page.getByRole("list", { name: "Notes" });
}

/** Adds a note through the form and waits until this page lists it. */
export async function addNote(page: Page, text: string): Promise<void> {
  await page.getByLabel("New note", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Add note", exact: true }).click();
  await expect(noteList(page).getByText(text, { exact: true })).toBeVisible();
}

/** A note text no other test writes. */
export function uniqueNote(label: string): string {
  return `${label} ${Math.random().toString(36).slice(2, 8)}`;
}
