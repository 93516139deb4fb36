import { defineCollection } from "./collection.ts";

/**
 * A refresh token, by the hash of its value (the value is never stored). The tokens of a session
 * are one family: each rotation replaces the token with its successor, and a used token presented
 * again means two parties hold the family, so the session is ended (OAuth 2.1, RFC 9700 §4.14).
 */
export interface RefreshTokenRecord {
  /** SHA-256 of the token: the token itself is never stored. */
  hash: string;
  session_id: string;
  created_at: string;
  /** Set when the token was exchanged; a used token never works again (rotation). */
  used_at: string | null;
  /** The hash of the token that replaced it (absent in files from before families were kept). */
  replaced_by?: string | null;
}

export const refreshTokens = defineCollection<RefreshTokenRecord>()({
  name: "refresh_tokens",
  key: (token) => token.hash,
  indexes: { session_id: { of: (token) => token.session_id } },
});
