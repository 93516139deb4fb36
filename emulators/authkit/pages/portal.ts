import type { ConnectionRecord } from "../store/connections.ts";
import { DIRECTORY_TYPES, type DirectoryRecord } from "../store/directories.ts";
import type { OrganizationDomainRecord } from "../store/organization-domains.ts";
import { alert, esc, layout } from "./layout.ts";

/** What every portal page shows: whose setup it is, and the ways back to the app. */
export interface PortalPageContext {
  organizationName: string;
  csrfToken: string;
  returnUrl: string | null;
  successUrl: string | null;
}

function portalLayout(title: string, p: PortalPageContext, body: string): string {
  const back = p.returnUrl ? `<p><a href="${esc(p.returnUrl)}">Back to the app</a></p>\n` : "";
  return layout(title, `<p>Admin Portal for <strong>${esc(p.organizationName)}</strong>.</p>\n${back}${body}`);
}

/** The way out once set up: WorkOS sends the admin to `success_url` (else `return_url`). */
function finish(p: PortalPageContext, ready: boolean): string {
  const target = p.successUrl ?? p.returnUrl;
  if (!ready) return "";
  if (!target) return `<p>Setup is saved. No <code>success_url</code> was given: you can close this tab.</p>`;
  return `<p><a class="button" href="${esc(target)}">Done: return to the app</a></p>`;
}

const csrf = (p: PortalPageContext) => `<input type="hidden" name="csrf_token" value="${esc(p.csrfToken)}">`;

export interface DirectoryView {
  directory: DirectoryRecord;
  /** Where an identity provider would push users; here the test API. */
  usersEndpoint: string;
  /** Its groups, each with the role its members get (null: none, they get the default role). */
  groups: { id: string; name: string; role: string | null }[];
}

/** Role assignment: one small form per group, as the Admin Portal's dsync step offers it. */
function roleAssignment(p: PortalPageContext, d: DirectoryRecord, groups: DirectoryView["groups"], roles: readonly string[]): string {
  if (groups.length === 0) return "<p>No groups yet: once the identity provider pushes groups, map them to roles here.</p>";
  const rows = groups
    .map((g) => {
      const id = `role-${esc(g.id)}`;
      const options = [`<option value=""${g.role === null ? " selected" : ""}>No role (default role)</option>`, ...roles.map((r) => `<option value="${esc(r)}"${r === g.role ? " selected" : ""}>${esc(r)}</option>`)].join("");
      return `<li><form method="post" action="/portal/setup/directory/roles">
${csrf(p)}<input type="hidden" name="directory_id" value="${esc(d.id)}"><input type="hidden" name="group_id" value="${esc(g.id)}">
<label for="${id}">Role for ${esc(g.name)}</label>
<select id="${id}" name="role">${options}</select>
<button type="submit">Save role for ${esc(g.name)}</button>
</form></li>`;
    })
    .join("\n");
  return `<h3>Role assignment</h3>
<p>Members of a group get its role; in several groups, the highest-priority role; in none, the default role.</p>
<ul>${rows}</ul>`;
}

export function directorySetupPage(p: PortalPageContext, directories: DirectoryView[], roles: readonly string[], error?: string): string {
  const list = directories
    .map(
      ({ directory: d, usersEndpoint, groups }) => `<section aria-labelledby="dir-${esc(d.id)}">
<h2 id="dir-${esc(d.id)}">${esc(d.name)}</h2>
<dl>
<dt>Type</dt><dd>${esc(d.type)}</dd>
<dt>State</dt><dd>${esc(d.state)}</dd>
<dt>Directory ID</dt><dd><code>${esc(d.id)}</code></dd>
<dt>SCIM users endpoint</dt><dd><code>${esc(usersEndpoint)}</code></dd>
<dt>Bearer token</dt><dd>None needed locally: the Local AuthKit's test API stands in for the identity provider's SCIM pushes and takes them without one.</dd>
</dl>
<p>Push a user (it becomes a member of ${esc(p.organizationName)}):</p>
<pre><code>curl -X POST ${esc(usersEndpoint)} -H 'Content-Type: application/json' -d '{"email":"ada@example.com","first_name":"Ada"}'</code></pre>
${roleAssignment(p, d, groups, roles)}
</section>`,
    )
    .join("\n");
  const options = DIRECTORY_TYPES.map((t) => `<option value="${esc(t)}"${t === "generic scim v2.0" ? " selected" : ""}>${esc(t)}</option>`).join("");
  return portalLayout(
    "Set up Directory Sync",
    p,
    `${list || "<p>No directory is set up yet.</p>"}
${alert(error)}
<form method="post" action="/portal/setup/directory">
${csrf(p)}
<h2>Add a directory</h2>
<div class="field">
<label for="field-name">Directory name</label>
<input id="field-name" name="name" type="text" value="${esc(`${p.organizationName} directory`)}" required>
</div>
<div class="field">
<label for="field-type">Directory provider</label>
<select id="field-type" name="type">${options}</select>
</div>
<button type="submit">Create directory</button>
</form>
${finish(p, directories.length > 0)}`,
  );
}

export function domainSetupPage(p: PortalPageContext, domains: OrganizationDomainRecord[], error?: { message: string; domain: string }): string {
  const list = domains
    .map((d) => {
      const dns =
        d.verification_strategy === "dns" && d.verification_prefix && d.verification_token
          ? `<dt>DNS TXT record</dt><dd>Name <code>${esc(d.verification_prefix)}.${esc(d.domain)}</code>, value <code>${esc(d.verification_token)}</code></dd>`
          : "";
      const verify =
        d.state === "verified"
          ? ""
          : `<form method="post" action="/portal/setup/domains/verify">
${csrf(p)}
<input type="hidden" name="domain_id" value="${esc(d.id)}">
<p class="hint">The Local AuthKit looks up no DNS: Verify marks the domain verified as if WorkOS had found the record.</p>
<button type="submit" aria-label="Verify ${esc(d.domain)}">Verify</button>
</form>`;
      return `<section aria-labelledby="domain-${esc(d.id)}">
<h2 id="domain-${esc(d.id)}">${esc(d.domain)}</h2>
<dl>
<dt>State</dt><dd>${esc(d.state)}</dd>
${dns}
</dl>
${verify}
</section>`;
    })
    .join("\n");
  return portalLayout(
    "Verify a domain",
    p,
    `${list || "<p>No domain is added yet.</p>"}
${alert(error?.message)}
<form method="post" action="/portal/setup/domains">
${csrf(p)}
<h2>Add a domain</h2>
<div class="field">
<label for="field-domain">Domain</label>
<input id="field-domain" name="domain" type="text" value="${esc(error?.domain)}" placeholder="example.com" required${error ? ' aria-invalid="true" aria-describedby="form-error"' : ""}>
</div>
<button type="submit">Add domain</button>
</form>
${finish(p, domains.some((d) => d.state === "verified"))}`,
  );
}

export interface ConnectionView {
  connection: ConnectionRecord;
  /** The email domains it serves (the organization's verified domains and its own). */
  domains: string[];
}

export function ssoSetupPage(p: PortalPageContext, connections: ConnectionView[], types: readonly string[], error?: string): string {
  const list = connections
    .map(({ connection: x, domains }) => {
      const activate =
        x.state === "active"
          ? ""
          : `<form method="post" action="/portal/setup/sso/activate">
${csrf(p)}
<input type="hidden" name="connection_id" value="${esc(x.id)}">
<button type="submit" aria-label="Activate ${esc(x.name)}">Activate</button>
</form>`;
      return `<section aria-labelledby="conn-${esc(x.id)}">
<h2 id="conn-${esc(x.id)}">${esc(x.name)}</h2>
<dl>
<dt>Type</dt><dd>${esc(x.connection_type)}</dd>
<dt>State</dt><dd>${esc(x.state)}</dd>
<dt>Connection ID</dt><dd><code>${esc(x.id)}</code></dd>
<dt>Identity provider</dt><dd>The Local AuthKit's own IdP: no SAML metadata or OIDC client to enter.</dd>
<dt>Email domains</dt><dd>${domains.length ? domains.map(esc).join(", ") : "None yet: verify a domain (intent domain_verification) so its users sign in here."}</dd>
</dl>
${activate}
</section>`;
    })
    .join("\n");
  const options = types.map((t) => `<option value="${esc(t)}"${t === "GenericSAML" ? " selected" : ""}>${esc(t)}</option>`).join("");
  return portalLayout(
    "Set up single sign-on",
    p,
    `${list || "<p>No SSO connection is set up yet.</p>"}
${alert(error)}
<form method="post" action="/portal/setup/sso">
${csrf(p)}
<h2>Add a connection</h2>
<div class="field">
<label for="field-name">Connection name</label>
<input id="field-name" name="name" type="text" value="${esc(`${p.organizationName} SSO`)}" required>
</div>
<div class="field">
<label for="field-connection-type">Identity provider type</label>
<select id="field-connection-type" name="connection_type">${options}</select>
</div>
<button type="submit">Create connection</button>
</form>
${finish(p, connections.some((c) => c.connection.state === "active"))}`,
  );
}
