import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { HttpError } from "../../http/errors.ts";
import { html, redirect } from "../../http/respond.ts";
import { domainSetupPage } from "../../pages/portal.ts";
import { addDomain, domainsOf, verifyDomain } from "../../provisioning/domains.ts";
import { pageContext } from "./page-context.ts";
import { sessionFor, sessionForForm, type PortalSession } from "./session.ts";

function render(c: Ctx, session: PortalSession, error?: { message: string; domain: string }): Response {
  const domains = domainsOf(c.var.app.store, session.organization.id);
  return html(c, error ? 422 : 200, domainSetupPage(pageContext(session), domains, error));
}

/** GET /portal/setup/domains: the organization's domains, their DNS records, and a form to add one (intent `domain_verification`). */
export function showDomainSetup(c: Ctx): Response {
  const found = sessionFor(c, "domain_verification");
  return found.session ? render(c, found.session) : found.response;
}

/** POST /portal/setup/domains `{ domain }`: a pending domain to prove with a DNS TXT record. */
export async function addDomainFromPortal(c: Ctx): Promise<Response> {
  const found = await sessionForForm(c, "domain_verification");
  if (!found.session) return found.response;
  const { session, fields } = found;
  const domain = typeof fields.domain === "string" ? fields.domain.trim() : "";
  try {
    const added = addDomain(c.var.app.store, session.organization.id, domain, { state: "pending", strategy: "dns" });
    note(c, `portal added ${added.domain} to ${session.organization.id}`);
  } catch (error) {
    // The same checks as the Organization Domains API: a domain name, not another organization's.
    if (error instanceof HttpError && (error.status === 409 || error.status === 422)) return render(c, session, { message: error.description, domain });
    throw error;
  }
  return redirect(c, "/portal/setup/domains", 303);
}

/**
 * POST /portal/setup/domains/verify `{ domain_id }`: marks the domain verified. No DNS lookup is
 * made locally: pressing Verify stands in for WorkOS finding the TXT record.
 */
export async function verifyDomainFromPortal(c: Ctx): Promise<Response> {
  const found = await sessionForForm(c, "domain_verification");
  if (!found.session) return found.response;
  const { session, fields } = found;
  const id = typeof fields.domain_id === "string" ? fields.domain_id : "";
  const domain = domainsOf(c.var.app.store, session.organization.id).find((d) => d.id === id);
  if (!domain) return render(c, session, { message: `${session.organization.name} has no domain ${id || "(none given)"}: reload the page.`, domain: "" });
  if (domain.state !== "verified") verifyDomain(c.var.app.store, domain.id);
  note(c, `portal verified ${domain.domain} for ${session.organization.id}`);
  return redirect(c, "/portal/setup/domains", 303);
}
