import { afterEach, describe, expect, it, vi } from "vitest";
import { GLOBEX_DIRECTORY, GLOBEX_MANAGERS_GROUP } from "../../demo-world.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "manual" });
afterEach(() => {
  vi.restoreAllMocks();
});

const SUCCESS = "http://localhost:5173/settings?setup=done";
const RETURN = "http://localhost:5173/settings";

async function generate(body: Record<string, unknown>): Promise<Response> {
  return t.request("/portal/generate_link", {
    method: "POST",
    headers: { Authorization: `Bearer ${t.server.apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function link(intent: string, extra: Record<string, unknown> = { success_url: SUCCESS, return_url: RETURN }): Promise<string> {
  const response = await generate({ organization: "org_globex", intent, ...extra });
  expect(response.status).toBe(201);
  return ((await response.json()) as { link: string }).link;
}

/** Opens a portal link as a browser would: the session cookie it sets, and where it goes. */
async function open(url: string): Promise<{ cookie: string; location: string; setCookie: string }> {
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  const setCookie = response.headers.get("set-cookie") ?? "";
  return { cookie: setCookie.split(";")[0]!, location: response.headers.get("location")!, setCookie };
}

const page = (path: string, cookie?: string) => t.request(path, { headers: cookie ? { Cookie: cookie } : {} });
const csrfOf = (html: string) => /name="csrf_token" value="([^"]+)"/.exec(html)![1]!;
const form = (path: string, cookie: string, fields: Record<string, string>) =>
  t.request(path, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });

describe("POST /portal/generate_link", () => {
  it("refuses a body without organization or intent, unknown organizations and intents, and non-http URLs, naming the field", async () => {
    await t.start();
    const cases: [Record<string, unknown>, number, string | undefined][] = [
      [{ intent: "sso" }, 422, "organization"],
      [{ organization: "org_acme" }, 422, "intent"],
      [{ organization: "org_acme", intent: "log_streams" }, 422, "intent"],
      [{ organization: "org_acme", intent: "everything" }, 422, "intent"],
      [{ organization: "org_acme", intent: "sso", return_url: "/relative" }, 422, "return_url"],
      [{ organization: "org_acme", intent: "sso", success_url: "ftp://example.com" }, 422, "success_url"],
      [{ organization: "org_acme", intent: "sso", it_contact_emails: "it@acme.test" }, 422, "it_contact_emails"],
      [{ organization: ["org_acme"], intent: "sso" }, 400, undefined],
      [{ organization: "org_nope", intent: "sso" }, 404, undefined],
    ];
    for (const [body, status, field] of cases) {
      const response = await generate(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      if (field) expect(((await response.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe(field);
    }
    const notEmulated = (await (await generate({ organization: "org_acme", intent: "audit_logs" })).json()) as { message: string };
    expect(notEmulated.message).toMatch(/"audit_logs" is not emulated/);
  });
});

describe("opening a portal link", () => {
  it("starts a portal session in an httpOnly cookie and goes to the intent's page, once", async () => {
    await t.start();
    const url = await link("dsync");
    const opened = await open(url);
    expect(opened.location).toBe("/portal/setup/directory");
    expect(opened.setCookie).toMatch(/HttpOnly/i);
    expect(opened.setCookie).toMatch(/Path=\/portal/);
    const again = await fetch(url, { redirect: "manual" });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("opened already");
    expect((await page("/portal/not-a-token")).status).toBe(404);
  });

  it("expires 5 minutes after it is made", async () => {
    await t.start();
    const url = await link("dsync");
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 5 * 60 * 1000 + 1);
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("expired");
  });

  it("keeps pages to their session's browser and intent", async () => {
    await t.start();
    expect((await page("/portal/setup/directory")).status).toBe(403);
    expect((await page("/portal/setup/directory", "local-authkit-portal=forged")).status).toBe(403);
    const { cookie } = await open(await link("domain_verification"));
    const other = await page("/portal/setup/directory", cookie);
    expect(other.status).toBe(403);
    expect(await other.text()).toContain("opened to set up domain_verification");
  });
});

describe("the dsync portal page", () => {
  it("creates a directory for the organization, shows its SCIM endpoint and ends at success_url", async () => {
    await t.start();
    const { cookie } = await open(await link("dsync"));
    const first = await page("/portal/setup/directory", cookie);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain("Admin Portal for <strong>Globex</strong>");
    expect(html).toContain("Globex SCIM"); // the demo world's directory
    expect(html).toContain(`href="${RETURN}"`);
    const created = await form("/portal/setup/directory", cookie, { csrf_token: csrfOf(html), name: "Globex Entra", type: "azure scim v2.0" });
    expect(created.status).toBe(303);
    const after = await (await page("/portal/setup/directory", cookie)).text();
    const list = (await (await t.request("/directories?organization_id=org_globex&search=entra", { headers: { Authorization: `Bearer ${t.server.apiKey}` } })).json()) as {
      data: { id: string; type: string }[];
    };
    expect(list.data).toHaveLength(1);
    expect(list.data[0]!.type).toBe("azure scim v2.0");
    expect(after).toContain(`${t.url}/_local/directories/${list.data[0]!.id}/users`);
    expect(after).toContain(`href="${SUCCESS.replace("&", "&amp;")}"`);
  });

  it("maps a directory's groups to roles: the demo world's Engineering Managers is admin, and a changed role reaches its members", async () => {
    await t.start();
    const pushed = (await (await t.post(`/_local/directories/${GLOBEX_DIRECTORY.id}/users`, { email: "finn@globex.test" })).json()) as { id: string };
    await t.post(`/_local/directories/${GLOBEX_DIRECTORY.id}/groups/${GLOBEX_MANAGERS_GROUP.id}/users`, { directory_user_id: pushed.id });
    const { cookie } = await open(await link("dsync"));
    const html = await (await page("/portal/setup/directory", cookie)).text();
    expect(html).toContain('<label for="role-directory_group_01KDVDNA06Q8X3GBXENGMGRS00">Role for Engineering Managers</label>');
    expect(html).toMatch(/<option value="admin" selected>admin<\/option>/);
    const roleOf = async () => ((await (await t.request(`/directory_users/${pushed.id}`, { headers: { Authorization: `Bearer ${t.server.apiKey}` } })).json()) as { role: { slug: string } }).role.slug;
    expect(await roleOf()).toBe("admin");
    const fields = { csrf_token: csrfOf(html), directory_id: GLOBEX_DIRECTORY.id, group_id: GLOBEX_MANAGERS_GROUP.id };
    expect((await form("/portal/setup/directory/roles", cookie, { ...fields, role: "" })).status).toBe(303);
    expect(await roleOf()).toBe("member");
    expect((await form("/portal/setup/directory/roles", cookie, { ...fields, role: "owner" })).status).toBe(422);
    expect((await form("/portal/setup/directory/roles", cookie, { ...fields, group_id: "directory_group_elsewhere", role: "admin" })).status).toBe(422);
    expect((await form("/portal/setup/directory/roles", cookie, { ...fields, csrf_token: "forged", role: "admin" })).status).toBe(403);
    expect(await roleOf()).toBe("member");
  });

  it("refuses a form without the session's CSRF token, or with a bad name or type, changing nothing", async () => {
    await t.start();
    const { cookie } = await open(await link("dsync"));
    const csrf = csrfOf(await (await page("/portal/setup/directory", cookie)).text());
    expect((await form("/portal/setup/directory", cookie, { name: "X", type: "generic scim v2.0" })).status).toBe(403);
    expect((await form("/portal/setup/directory", cookie, { csrf_token: `${csrf}x`, name: "X", type: "generic scim v2.0" })).status).toBe(403);
    const badType = await form("/portal/setup/directory", cookie, { csrf_token: csrf, name: "X", type: "ldap" });
    expect(badType.status).toBe(422);
    expect(await badType.text()).toContain("Choose a directory provider");
    expect((await form("/portal/setup/directory", cookie, { csrf_token: csrf, name: " ", type: "generic scim v2.0" })).status).toBe(422);
    const list = (await (await t.request("/directories?organization_id=org_globex", { headers: { Authorization: `Bearer ${t.server.apiKey}` } })).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(1);
  });

  it("says where to go when no success_url or return_url was given", async () => {
    await t.start();
    const { cookie } = await open(await link("dsync", {}));
    expect(await (await page("/portal/setup/directory", cookie)).text()).toContain("you can close this tab");
  });
});

describe("the domain_verification portal page", () => {
  it("adds a pending domain with its DNS TXT record, verifies it, and ends at success_url", async () => {
    await t.start();
    const { cookie } = await open(await link("domain_verification"));
    const first = await (await page("/portal/setup/domains", cookie)).text();
    expect(first).toContain("No domain is added yet");
    expect(first).not.toContain("Done: return to the app");
    expect((await form("/portal/setup/domains", cookie, { csrf_token: csrfOf(first), domain: "Globex.Test" })).status).toBe(303);
    const added = await (await page("/portal/setup/domains", cookie)).text();
    expect(added).toMatch(/<h2 id="domain-[^"]+">globex\.test<\/h2>/);
    expect(added).toContain("<dd>pending</dd>");
    expect(added).toMatch(/Name <code>workos-domain-verification-[a-z0-9]+\.globex\.test<\/code>, value <code>[^<]+<\/code>/);
    const domainId = /name="domain_id" value="([^"]+)"/.exec(added)![1]!;
    expect((await form("/portal/setup/domains/verify", cookie, { csrf_token: csrfOf(added), domain_id: domainId })).status).toBe(303);
    const verified = await (await page("/portal/setup/domains", cookie)).text();
    expect(verified).toContain("<dd>verified</dd>");
    expect(verified).toContain(`href="${SUCCESS.replace("&", "&amp;")}"`);
    const org = (await (await t.request("/organizations/org_globex", { headers: { Authorization: `Bearer ${t.server.apiKey}` } })).json()) as {
      domains: { domain: string; state: string }[];
    };
    expect(org.domains).toEqual([expect.objectContaining({ domain: "globex.test", state: "verified" })]);
  });

  it("refuses a malformed domain, another organization's domain, and another organization's domain id", async () => {
    await t.start();
    const { cookie } = await open(await link("domain_verification"));
    const csrf = csrfOf(await (await page("/portal/setup/domains", cookie)).text());
    const bad = await form("/portal/setup/domains", cookie, { csrf_token: csrf, domain: "not a domain" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("is not a domain name");
    const taken = await form("/portal/setup/domains", cookie, { csrf_token: csrf, domain: "acme.test" }); // Acme's, in the demo world
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain("already exists");
    const acmeDomain = (await (await t.request("/organizations/org_acme", { headers: { Authorization: `Bearer ${t.server.apiKey}` } })).json()) as { domains: { id: string }[] };
    const other = await form("/portal/setup/domains/verify", cookie, { csrf_token: csrf, domain_id: acmeDomain.domains[0]!.id });
    expect(other.status).toBe(422);
    expect((await form("/portal/setup/domains", cookie, { domain: "globex.test" })).status).toBe(403);
  });
});

describe("the sso portal page", () => {
  it("creates a draft SSO connection, activates it, and ends at success_url", async () => {
    await t.start();
    const { cookie, location } = await open(await link("sso"));
    expect(location).toBe("/portal/setup/sso");
    const first = await (await page("/portal/setup/sso", cookie)).text();
    expect(first).toContain("No SSO connection is set up yet");
    expect(first).not.toContain("Done: return to the app");
    expect((await form("/portal/setup/sso", cookie, { csrf_token: csrfOf(first), name: "Globex Entra", connection_type: "AzureSAML" })).status).toBe(303);
    const created = await (await page("/portal/setup/sso", cookie)).text();
    expect(created).toContain("<dd>draft</dd>");
    const connectionId = /name="connection_id" value="([^"]+)"/.exec(created)![1]!;
    const api = { headers: { Authorization: `Bearer ${t.server.apiKey}` } };
    expect(await (await t.request(`/connections/${connectionId}`, api)).json()).toMatchObject({ organization_id: "org_globex", name: "Globex Entra", connection_type: "AzureSAML", state: "draft" });
    expect((await form("/portal/setup/sso/activate", cookie, { csrf_token: csrfOf(created), connection_id: connectionId })).status).toBe(303);
    const active = await (await page("/portal/setup/sso", cookie)).text();
    expect(active).toContain("<dd>active</dd>");
    expect(active).toContain(`href="${SUCCESS.replace("&", "&amp;")}"`);
    expect(await (await t.request(`/connections/${connectionId}`, api)).json()).toMatchObject({ state: "active" });
  });

  it("refuses an unknown connection type, and another organization's connection", async () => {
    await t.start();
    const { cookie } = await open(await link("sso"));
    const csrf = csrfOf(await (await page("/portal/setup/sso", cookie)).text());
    const bad = await form("/portal/setup/sso", cookie, { csrf_token: csrf, name: "X", connection_type: "LDAP" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("is not a WorkOS connection type");
    const acme = (await (await t.request("/connections?organization_id=org_acme", { headers: { Authorization: `Bearer ${t.server.apiKey}` } })).json()) as { data: { id: string }[] };
    const other = await form("/portal/setup/sso/activate", cookie, { csrf_token: csrf, connection_id: acme.data[0]!.id });
    expect(other.status).toBe(422);
    expect(await other.text()).toContain("Globex has no connection");
  });
});
