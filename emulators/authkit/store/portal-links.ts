import { defineCollection } from "./collection.ts";

/** The Admin Portal intents this server serves (WorkOS has more: audit_logs, log_streams, certificate_renewal, bring_your_own_key). */
export const PORTAL_INTENTS = ["sso", "dsync", "domain_verification"] as const;
export type PortalIntent = (typeof PORTAL_INTENTS)[number];

/**
 * An Admin Portal link (`POST /portal/generate_link`) and, once opened, the portal session it
 * became. Only hashes of the link's token and of the session cookie are kept.
 */
export interface PortalLinkRecord {
  /** sha256 of the link's token (the last path segment of the link). */
  token_hash: string;
  organization_id: string;
  intent: PortalIntent;
  return_url: string | null;
  success_url: string | null;
  created_at: string;
  /** WorkOS: a link expires 5 minutes after it is issued. */
  expires_at: string;
  /** When the link was opened (it can be opened once); null until then. */
  opened_at: string | null;
  /** sha256 of the portal-session cookie set when the link was opened. */
  session_hash: string | null;
  /** The session's forms carry this token. */
  csrf_token: string | null;
  session_expires_at: string | null;
}

export const portalLinks = defineCollection<PortalLinkRecord>()({
  name: "portal_links",
  key: (l) => l.token_hash,
  indexes: { session_hash: { of: (l) => l.session_hash, unique: true } },
});
