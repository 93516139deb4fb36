import { field, flowFields } from "./fields.ts";
import { alert, esc, layout } from "./layout.ts";

const IDP_BANNER =
  "<strong>Local IdP</strong> — stands in for the organization's identity provider (Okta, Entra ID, Google Workspace…) in development. Nobody's password is asked: pick who signs in.";

/**
 * The Local IdP's sign-in page for one connection, titled with the connection's name: the
 * identities already provisioned through it as buttons, and any other email of the organization's
 * domains to type.
 */
export function idpSignInPage(
  flow: { id: string; csrfToken: string },
  o: { action: string; connectionName: string; organizationName: string; domains: string[]; identities: { email: string; name: string | null }[]; email?: string; error?: string },
): string {
  const known = o.identities.length
    ? `<form method="post" action="${esc(o.action)}">
${flowFields(flow)}
<ul class="orgs" aria-label="Known identities">
${o.identities.map((i) => `<li><button type="submit" name="email" value="${esc(i.email)}">${esc(i.name ? `${i.name} (${i.email})` : i.email)}</button></li>`).join("\n")}
</ul>
</form>`
    : "";
  const domains = o.domains.length ? o.domains.join(", ") : "none yet";
  return layout(
    o.connectionName,
    `<p id="idp-help">Sign in to ${esc(o.organizationName)} with an identity of its domains (${esc(domains)}).</p>
${alert(o.error)}
${known}
<form method="post" action="${esc(o.action)}" novalidate aria-describedby="idp-help">
${flowFields(flow)}
${field({ label: "Email", name: "email", type: "email", value: o.email, autocomplete: "email", invalid: !!o.error, autofocus: !o.identities.length })}
${field({ label: "First name", name: "first_name", autocomplete: "given-name", optional: true })}
${field({ label: "Last name", name: "last_name", autocomplete: "family-name", optional: true })}
<button type="submit">Continue</button>
</form>`,
    IDP_BANNER,
  );
}
