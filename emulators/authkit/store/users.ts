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
  /** Unique among users when set. Absent in a data.json written before it existed: read as null. */
  external_id?: string | null;
  /** String values only. Absent in an older data.json: read as {}. */
  metadata?: Record<string, string>;
  locale?: string | null;
  created_at: string;
  updated_at: string;
  /** scrypt hash (see passwords.ts); null for a user who cannot sign in with a password. Never answered. */
  password_hash: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const users = defineCollection<UserRecord>()({
  name: "users",
  key: (user) => user.id,
  indexes: {
    email: { of: (user) => user.email, normalize: normalizeEmail, unique: true },
    external_id: { of: (user) => user.external_id ?? null, unique: true },
  },
});

/** The WorkOS `user` object (the User Management API, authenticate, events); never the password hash. */
export function userResponse(user: UserRecord) {
  return {
    object: "user" as const,
    id: user.id,
    email: user.email,
    email_verified: user.email_verified,
    first_name: user.first_name,
    last_name: user.last_name,
    profile_picture_url: user.profile_picture_url,
    last_sign_in_at: user.last_sign_in_at,
    // `locale` (and `name`) are optional in WorkOS's User; answered only when set.
    ...(user.locale ? { locale: user.locale } : {}),
    external_id: user.external_id ?? null,
    metadata: user.metadata ?? {},
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

export type UserResponse = ReturnType<typeof userResponse>;
