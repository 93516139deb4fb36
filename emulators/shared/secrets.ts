import { createHash, timingSafeEqual } from "node:crypto";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Compares a presented secret with the expected one in constant time (hashed first, so the length does not leak either). */
export function sameSecret(presented: string | undefined, expected: string): boolean {
  return typeof presented === "string" && timingSafeEqual(digest(presented), digest(expected));
}
