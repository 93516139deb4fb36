import { defineCollection } from "./collection.ts";
import { normalizeEmail } from "./users.ts";

/**
 * An identity that signed in through a connection (WorkOS's SSO `profile`): which user it was
 * provisioned as. The Local IdP lists these as the identities it offers.
 */
export interface SsoProfileRecord {
  id: string;
  connection_id: string;
  organization_id: string;
  user_id: string;
  /** Lower-cased. */
  email: string;
  first_name: string | null;
  last_name: string | null;
  created_at: string;
  updated_at: string;
}

/** One profile per connection and email. */
export function profileKey(connectionId: string, email: string): string {
  return `${connectionId}:${normalizeEmail(email)}`;
}

export const ssoProfiles = defineCollection<SsoProfileRecord>()({
  name: "sso_profiles",
  key: (profile) => profile.id,
  indexes: {
    connection_id: { of: (profile) => profile.connection_id },
    identity: { of: (profile) => profileKey(profile.connection_id, profile.email), unique: true },
  },
});
