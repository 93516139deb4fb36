import { ConvexError } from "convex/values";

/**
 * The sentence to show for a failed call. Our Convex functions throw `ConvexError`s whose
 * `data.message` is written for people; anything else is unexpected and says so.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ConvexError) {
    const data: unknown = error.data;
    if (typeof data === "object" && data !== null && "message" in data && typeof data.message === "string") {
      return data.message;
    }
    if (typeof data === "string") return data;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Something went wrong (${detail}). Check your connection and try again.`;
}
