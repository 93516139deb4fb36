import { defineCollection } from "./collection.ts";

/** How a session was signed in (WorkOS `authentication_method`). */
export type AuthenticationMethod = "Password" | "SSO" | "MagicAuth";

export interface SessionRecord {
  id: string;
  user_id: string;
  organization_id: string | null;
  authentication_method: AuthenticationMethod;
  created_at: string;
  ended_at: string | null;
}

export const sessions = defineCollection<SessionRecord>()({
  name: "sessions",
  key: (session) => session.id,
  indexes: { user_id: { of: (session) => session.user_id } },
});

/** The session object's `auth_method` for the authenticate response's `authentication_method`. */
const AUTH_METHODS: Record<string, string> = { Password: "password", SSO: "sso", MagicAuth: "magic_code", Passkey: "passkey", Impersonation: "impersonation" };

/**
 * The WorkOS `session` object, as `session.created` and `session.revoked` carry it. This server
 * knows no IP address or user agent (null), and its sessions have no maximum length, so
 * `expires_at` is null where WorkOS has a time; `status` is "revoked" once the session ended
 * (sign-out, or a replayed refresh token).
 */
export function sessionResponse(session: SessionRecord) {
  return {
    object: "session" as const,
    id: session.id,
    user_id: session.user_id,
    ip_address: null,
    user_agent: null,
    ...(session.organization_id !== null && { organization_id: session.organization_id }),
    auth_method: AUTH_METHODS[session.authentication_method] ?? (session.authentication_method.endsWith("OAuth") ? "oauth" : "unknown"),
    status: session.ended_at ? ("revoked" as const) : ("active" as const),
    expires_at: null,
    ended_at: session.ended_at,
    created_at: session.created_at,
    updated_at: session.ended_at ?? session.created_at,
  };
}
