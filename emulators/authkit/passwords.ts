import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url parts), so the cost can change without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await derive(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Checked against when the email is unknown, so "no such user" costs as long as "wrong password".
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password");
  await verifyPassword(password, await dummyHash);
}

const COMMON = new Set(["password", "password1", "12345678", "123456789", "qwertyui", "11111111", "iloveyou", "letmein1"]);

/** Why a new password is refused, or null when it is acceptable. */
export function passwordWeakness(password: string, email: string): string | null {
  if (password.length < 8) return "Password is too weak: use at least 8 characters.";
  if (password.length > 256) return "Password is too long: use at most 256 characters.";
  if (COMMON.has(password.toLowerCase())) return "Password is too weak: it is one of the most common passwords.";
  if (password.toLowerCase() === email.toLowerCase()) return "Password is too weak: it must differ from your email.";
  if (new Set(password).size < 4) return "Password is too weak: use a mix of at least 4 different characters.";
  return null;
}
