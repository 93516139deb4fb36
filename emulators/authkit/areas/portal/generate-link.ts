import { createHash } from "node:crypto";
import { optionalString, readFields, type Fields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { invalidField, notFound } from "../../http/errors.ts";
import { secretToken } from "../../ids.ts";
import { PORTAL_INTENTS, type PortalIntent } from "../../store/portal-links.ts";

/** WorkOS: "The link expires 5 minutes after it is issued." */
export const LINK_TTL_MS = 5 * 60 * 1000;

const WORKOS_ONLY_INTENTS = ["audit_logs", "log_streams", "certificate_renewal", "bring_your_own_key"];

export const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");

function absoluteUrl(fields: Fields, name: string): string | null {
  const value = optionalString(fields, name);
  if (value === undefined) return null;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw invalidField(name, `\`${name}\` must be an absolute http(s) URL such as http://localhost:5173/settings, got "${value}".`, "invalid_url");
  }
  return url.href;
}

function intentOf(fields: Fields): PortalIntent {
  const intent = optionalString(fields, "intent");
  // WorkOS makes `intent` optional (the portal then opens on its overview); here each intent is a
  // page of its own and there is no overview, so it is required.
  if (intent === undefined) throw invalidField("intent", `\`intent\` is required: one of ${PORTAL_INTENTS.join(", ")}.`, "required");
  if (PORTAL_INTENTS.includes(intent as PortalIntent)) return intent as PortalIntent;
  if (WORKOS_ONLY_INTENTS.includes(intent)) {
    throw invalidField("intent", `The Admin Portal intent "${intent}" is not emulated by the Local AuthKit: use ${PORTAL_INTENTS.join(", ")}.`, "not_emulated");
  }
  throw invalidField("intent", `\`intent\` must be one of ${PORTAL_INTENTS.join(", ")}, got "${intent}".`);
}

/** `it_contact_emails` (the spec) / `admin_emails` (newer SDKs): checked for shape, then unused (no email is sent here). */
function checkEmails(fields: Fields): void {
  for (const name of ["it_contact_emails", "admin_emails"]) {
    const value = fields[name];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.length > 20 || value.some((e) => typeof e !== "string")) {
      throw invalidField(name, `\`${name}\` must be a list of at most 20 email addresses.`);
    }
  }
}

/**
 * POST /portal/generate_link `{ organization, intent, return_url?, success_url? }`: 201 `{ link }`,
 * a link to this server's portal pages for the organization. The link can be opened once, within
 * 5 minutes; opening it starts a portal session in that browser (an httpOnly cookie).
 */
export async function generateLink(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const { store, config } = c.var.app;
  const organizationId = optionalString(fields, "organization");
  if (organizationId === undefined) throw invalidField("organization", "`organization` (an organization id) is required.", "required");
  const intent = intentOf(fields);
  const returnUrl = absoluteUrl(fields, "return_url");
  const successUrl = absoluteUrl(fields, "success_url");
  checkEmails(fields);
  const org = store.organization(organizationId);
  if (!org) throw notFound("Organization", organizationId);
  const token = secretToken(32);
  const now = Date.now();
  store.atomically(() => {
    // Links never opened are forgotten once expired, sessions once over.
    store.portalLinks.deleteWhere((l) => (l.opened_at === null ? Date.parse(l.expires_at) <= now : Date.parse(l.session_expires_at ?? "") <= now));
    store.portalLinks.insert({
      token_hash: sha256(token),
      organization_id: org.id,
      intent,
      return_url: returnUrl,
      success_url: successUrl,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + LINK_TTL_MS).toISOString(),
      opened_at: null,
      session_hash: null,
      csrf_token: null,
      session_expires_at: null,
    });
  });
  note(c, `portal link for ${org.id} (${intent})`);
  return c.json({ link: `${config.publicUrl}/portal/${token}` }, 201);
}
