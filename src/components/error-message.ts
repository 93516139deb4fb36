/**
 * The sentence a `ConvexError` carries for people, or null for any other error. Our Convex
 * functions throw `ConvexError`s whose `data.message` is written for the user; their `message` is
 * the serialized payload. Recognised by shape, so that the first page (which shows route errors)
 * does not have to download `convex/values`.
 */
export function convexErrorMessage(error: unknown): string | null {
  if (!(error instanceof Error) || error.name !== "ConvexError" || !("data" in error)) return null;
  const data: unknown = error.data;
  if (typeof data === "object" && data !== null && "message" in data && typeof data.message === "string") {
    return data.message;
  }
  return typeof data === "string" ? data : null;
}

/** The sentence to show for a failed call; anything but our own refusals is unexpected and says so. */
export function errorMessage(error: unknown): string {
  const sentence = convexErrorMessage(error);
  if (sentence !== null) return sentence;
  const detail = error instanceof Error ? error.message : String(error);
  return `Something went wrong (${detail}). Check your connection and try again.`;
}
