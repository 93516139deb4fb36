import { randomBytes } from "node:crypto";

// Crockford base32, as in ULIDs: WorkOS IDs are `<prefix>_` + a ULID (e.g. `user_01H…`).
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID: 10 characters of millisecond time, then 16 random characters. Sorts by creation time. */
export function ulid(now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let random = "";
  for (const byte of bytes) random += ALPHABET[byte % 32];
  return time + random;
}

export type IdPrefix = "user" | "org" | "om" | "session" | "invitation" | "org_domain" | "conn" | "conn_domain" | "prof" | "directory" | "directory_user" | "directory_group";

/** A WorkOS-like ID such as `user_01J8…` or `session_01J8…`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid()}`;
}

/** An unguessable opaque token (authorization codes, refresh tokens, form tokens). */
export function secretToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** A 6-digit code a person types (email verification, password reset). */
export function humanCode(): string {
  return String(randomBytes(4).readUInt32BE(0) % 1_000_000).padStart(6, "0");
}
