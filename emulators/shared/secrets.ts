import { createHash, timingSafeEqual } from "node:crypto";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * Whether a secret someone sent (a key, a code, a CSRF token) is the expected one, in constant
 * time: both sides are hashed first, so neither the content nor the length of the secret leaks
 * through how long the answer takes. A missing value never matches.
 */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}
