import { defineCollection } from "./collection.ts";

export interface UserRecord {
  id: string;
  /** Trimmed and lower-cased: one account per address, whatever its case. */
  email: string;
  email_verified: boolean;
  first_name: string | null;
  last_name: string | null;
  profile_picture_url: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
  /** scrypt hash (see passwords.ts); null for a user who cannot sign in with a password. */
  password_hash: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const users = defineCollection<UserRecord>()({
  name: "users",
  key: (user) => user.id,
  indexes: { email: { of: (user) => user.email, normalize: normalizeEmail, unique: true } },
});
