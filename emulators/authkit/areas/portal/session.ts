import { setCookie } from "hono/cookie";
import { sameSecret } from "../../../shared/secrets.ts";
import { readFields, type Fields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { readCookie } from "../../http/cookies.ts";
import { html, redirect } from "../../http/respond.ts";
import { secretToken } from "../../ids.ts";
import { errorPage } from "../../pages/error.ts";
import type { OrganizationRecord } from "../../store/organizations.ts";
import type { PortalIntent, PortalLinkRecord } from "../../store/portal-links.ts";
import { sha256 } from "./generate-link.ts";

export const PORTAL_COOKIE = "local-authkit-portal";
/** How long a portal session lasts after its link is opened. WorkOS does not say; an hour is enough to set up and short enough to matter. */
export const SESSION_TTL_MS = 60 * 60 * 1000;

/** The page of each intent. */
export const INTENT_PAGES: Record<PortalIntent, string> = {
  domain_verification: "/portal/setup/domains",
  dsync: "/portal/setup/directory",
  sso: "/portal/setup/sso",
};

export interface PortalSession {
  link: PortalLinkRecord;
  organization: OrganizationRecord;
}

type Refused = { session: undefined; response: Response };

function refuse(c: Ctx, status: 403 | 404, title: string, message: string): Refused {
  note(c, message);
  return { session: undefined, response: html(c, status, errorPage(title, message)) };
}

/**
 * GET /portal/<token>: the link from generate_link. Its first opening (within 5 minutes) turns it
 * into a portal session in this browser and goes on to the intent's page; it cannot be opened again.
 */
export function openLink(c: Ctx): Response {
  const { store } = c.var.app;
  const link = store.portalLinks.get(sha256(c.req.param("token") ?? ""));
  const title = "This Admin Portal link cannot be used";
  const again = "Ask the app for a new link (it makes one with POST /portal/generate_link).";
  if (!link) return refuse(c, 404, title, `The link is unknown. ${again}`).response;
  if (link.opened_at !== null) return refuse(c, 404, title, `The link was opened already: a link works once. ${again}`).response;
  if (Date.parse(link.expires_at) <= Date.now()) return refuse(c, 404, title, `The link expired 5 minutes after it was made. ${again}`).response;
  const secret = secretToken(32);
  const now = Date.now();
  store.portalLinks.update(link.token_hash, {
    opened_at: new Date(now).toISOString(),
    session_hash: sha256(secret),
    csrf_token: secretToken(24),
    session_expires_at: new Date(now + SESSION_TTL_MS).toISOString(),
  });
  setCookie(c, PORTAL_COOKIE, secret, { path: "/portal", httpOnly: true, sameSite: "Lax", maxAge: SESSION_TTL_MS / 1000 });
  note(c, `portal session for ${link.organization_id} (${link.intent})`);
  return redirect(c, INTENT_PAGES[link.intent]);
}

/** This browser's portal session for `intent`, or the page saying why there is none. */
export function sessionFor(c: Ctx, intent: PortalIntent): { session: PortalSession } | Refused {
  const { store } = c.var.app;
  const secret = readCookie(c, PORTAL_COOKIE);
  const link = secret ? store.portalLinks.find("session_hash", sha256(secret)) : undefined;
  const title = "No Admin Portal session";
  if (!link || Date.parse(link.session_expires_at ?? "") <= Date.now()) {
    return refuse(c, 403, title, "This browser has no Admin Portal session (or it ended an hour after it began): open a new link from the app.");
  }
  if (link.intent !== intent) {
    return refuse(c, 403, title, `This portal session was opened to set up ${link.intent}, not ${intent}: open a link for ${intent} from the app.`);
  }
  const organization = store.organization(link.organization_id);
  if (!organization) return refuse(c, 404, title, `The organization ${link.organization_id} no longer exists.`);
  return { session: { link, organization } };
}

/** A portal form's session, after the CSRF check: the form must carry the session's token. */
export async function sessionForForm(c: Ctx, intent: PortalIntent): Promise<{ session: PortalSession; fields: Fields } | Refused> {
  const found = sessionFor(c, intent);
  if (!found.session) return found;
  const fields = await readFields(c);
  const token = typeof fields.csrf_token === "string" ? fields.csrf_token : undefined;
  const expected = found.session.link.csrf_token;
  if (expected === null || !sameSecret(token, expected)) {
    return refuse(c, 403, "This form cannot be sent", "This form was not sent from this browser's Admin Portal page (its security token does not match). Reload the page and try again.");
  }
  return { session: found.session, fields };
}
