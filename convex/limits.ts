// Shared by the functions that enforce these limits and the UI that explains them.
export const NOTE_MAX_LENGTH = 2000;
export const PROFILE_FIELD_MAX_LENGTH = 320;
/** The most notes one page may ask for: a page is read in one query, and queries have read limits. */
export const NOTES_PAGE_MAX = 100;

const count = (n: number) => n.toLocaleString("en-US");

/**
 * Why a note's text is refused, or null when it is fine. The server enforces it; the form checks
 * it first so the user gets the same sentence without a round trip.
 */
export function noteTextProblem(text: string): string | null {
  const length = text.trim().length;
  if (length === 0) return "A note can't be empty. Type something first.";
  if (length > NOTE_MAX_LENGTH) {
    return `A note can have at most ${count(NOTE_MAX_LENGTH)} characters; this one has ${count(length)}.`;
  }
  return null;
}

/** Longer names from WorkOS are cut to this before they are stored and shown. */
export const ORGANIZATION_NAME_MAX_LENGTH = 200;
