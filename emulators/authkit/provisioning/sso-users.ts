import { newId } from "../ids.ts";
import { addMembership, DEFAULT_ROLE, findMembership } from "./memberships.ts";
import type { Store } from "../store.ts";
import type { ConnectionRecord } from "../store/connections.ts";
import { profileKey, type SsoProfileRecord } from "../store/sso-profiles.ts";
import { normalizeEmail, type UserRecord } from "../store/users.ts";

/** The role a user gets in the connection's organization on their first SSO sign-in. */
export const DEFAULT_SSO_ROLE = DEFAULT_ROLE;

export interface SsoIdentity {
  email: string;
  firstName?: string | null;
  lastName?: string | null;
}

/**
 * Provisions the user an SSO identity signs in as, in one save: the user (made on first sign-in
 * with `email_verified: true`, as an SSO sign-in on a verified domain counts as verified), the
 * membership in the connection's organization (default role) and the SSO profile. An existing
 * user with that email is the same person (WorkOS links by email) and gets verified too.
 * The caller has checked the identity is within the connection's domains.
 */
export function provisionSsoUser(
  store: Store,
  connection: ConnectionRecord,
  identity: SsoIdentity,
  /** The role of a new membership, when not the default (an invitation's). */
  role = DEFAULT_SSO_ROLE,
): { user: UserRecord; profile: SsoProfileRecord } {
  const email = normalizeEmail(identity.email);
  return store.atomically(() => {
    let user = store.userByEmail(email);
    if (!user) {
      user = store.createUser({ email, passwordHash: null, firstName: identity.firstName, lastName: identity.lastName, emailVerified: true });
    } else if (!user.email_verified) {
      user = store.updateUser(user.id, { email_verified: true });
    }
    // A membership the user has in any status is left as it is (the callback refuses an inactive one).
    if (!findMembership(store, user.id, connection.organization_id)) {
      addMembership(store, { userId: user.id, organizationId: connection.organization_id, roleSlug: role });
    }
    const now = new Date().toISOString();
    const existing = store.ssoProfiles.find("identity", profileKey(connection.id, email));
    const profile = existing
      ? store.ssoProfiles.update(existing.id, { user_id: user.id, first_name: identity.firstName ?? existing.first_name, last_name: identity.lastName ?? existing.last_name })
      : store.ssoProfiles.insert({
          id: newId("prof"),
          connection_id: connection.id,
          organization_id: connection.organization_id,
          user_id: user.id,
          email,
          first_name: identity.firstName ?? null,
          last_name: identity.lastName ?? null,
          created_at: now,
          updated_at: now,
        });
    return { user, profile };
  });
}
