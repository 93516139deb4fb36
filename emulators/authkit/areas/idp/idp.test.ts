import { describe, expect, it } from "vitest";
import { ACME_DOMAIN, ACME_SSO, BOB, DEMO_PASSWORD } from "../../demo-world.ts";
import { HostedVisitor, hiddenFields } from "../../testing/hosted-pages.ts";
import { APP_ORIGIN, REDIRECT_URI, type AuthResponse } from "../../testing/start.ts";
import { TestBrowser } from "../../testing/test-browser.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ resetBeforeEach: true });

/** The demo world's Acme SSO connection (acme.test), in `state` when given. */
async function acmeConnection(o: { state?: string } = {}): Promise<{ id: string }> {
  if (o.state) expect((await setState(ACME_SSO.id, o.state)).status).toBe(200);
  return { id: ACME_SSO.id };
}

const setState = (id: string, state: string) =>
  t.request(`/_local/connections/${id}`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ state }) });

function visitor(): HostedVisitor {
  return new HostedVisitor(t.url, new TestBrowser(APP_ORIGIN));
}

async function start(params: Record<string, string> = {}) {
  const { url, verifier } = t.authorizeUrl(params);
  const v = await visitor().go(url);
  return { v, verifier };
}

async function exchange(callback: URL, verifier: string): Promise<AuthResponse & { user: { email_verified: boolean } }> {
  const response = await t.post("/user_management/authenticate", {
    client_id: t.server.clientId,
    grant_type: "authorization_code",
    code: callback.searchParams.get("code"),
    code_verifier: verifier,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as AuthResponse & { user: { email_verified: boolean } };
}

describe("SSO by email domain through the Local IdP", () => {
  it("sends an email of a connection's domain to the IdP page titled with the connection's name, then signs in a new user by SSO", async () => {
    const conn = await acmeConnection();
    const { v, verifier } = await start();
    await v.submit({ email: "Dana@Acme.test" });
    expect(v.url.pathname).toBe(`/local-idp/${conn.id}`);
    expect(v.heading).toBe(ACME_SSO.name);
    expect(v.html).toContain("<strong>Local IdP</strong>");
    expect(v.html).toContain('value="dana@acme.test"');
    await v.submit({ email: "dana@acme.test", first_name: "Dana", last_name: "Day" });
    expect(v.left).toBe(true);
    expect(v.url.origin + v.url.pathname).toBe(REDIRECT_URI);
    expect(v.url.searchParams.get("state")).toBe('{"returnTo":"/notes"}');
    const auth = await exchange(v.url, verifier);
    expect(auth).toMatchObject({ authentication_method: "SSO", organization_id: "org_acme", user: { email: "dana@acme.test", email_verified: true } });
    const claims = JSON.parse(Buffer.from(auth.access_token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ org_id: "org_acme", role: "member" });
  });

  it("offers the identities already provisioned through the connection on the next sign-in", async () => {
    const conn = await acmeConnection();
    const first = await start();
    await first.v.submit({ email: "erin@acme.test" });
    await first.v.submit({ email: "erin@acme.test", first_name: "Erin", last_name: "East" });
    const firstAuth = await exchange(first.v.url, first.verifier);
    const { v, verifier } = await start({ connection_id: conn.id, provider: "" });
    expect(v.url.pathname).toBe(`/local-idp/${conn.id}`);
    expect(v.html).toContain('<button type="submit" name="email" value="erin@acme.test">Erin East (erin@acme.test)</button>');
    await v.submit({ email: "erin@acme.test" });
    const auth = await exchange(v.url, verifier);
    // The same user the second time: provisioned once.
    expect(auth.user.id).toBe(firstAuth.user.id);
  });

  it("refuses an identity outside the organization's domains the way WorkOS does: back to the app with profile_not_allowed_outside_organization", async () => {
    await acmeConnection();
    const { v } = await start();
    await v.submit({ email: "dana@acme.test" });
    await v.submit({ email: "mallory@evil.test" });
    expect(v.url.origin + v.url.pathname).toBe(REDIRECT_URI);
    expect(v.url.searchParams.get("error")).toBe("profile_not_allowed_outside_organization");
    expect(v.url.searchParams.get("error_description")).toContain("mallory@evil.test");
    expect(v.url.searchParams.get("state")).toBe('{"returnTo":"/notes"}');
    expect(v.url.searchParams.get("code")).toBeNull();
    // Nobody was provisioned for the refused identity.
    expect((await t.post("/_local/users", { email: "mallory@evil.test" })).status).toBe(201);
  });

  it("never checks a password for an email routed to SSO, even when one is posted", async () => {
    const conn = await acmeConnection();
    await t.post("/_local/users", { email: "frank@acme.test", password: "frank-password-1" });
    const { v } = await start();
    await v.submit({ email: "frank@acme.test", password: "frank-password-1" });
    expect(v.url.pathname).toBe(`/local-idp/${conn.id}`);
  });

  it("links an existing user of that email and verifies them", async () => {
    await acmeConnection();
    await t.post("/_local/users", { email: "gail@acme.test", email_verified: false });
    const { v, verifier } = await start();
    await v.submit({ email: "gail@acme.test" });
    await v.submit({ email: "gail@acme.test" });
    const auth = await exchange(v.url, verifier);
    expect(auth.user).toMatchObject({ email: "gail@acme.test", email_verified: true });
  });

  it("routes nobody through a connection that is not active, nor through one of another organization than the sign-in's", async () => {
    const conn = await acmeConnection({ state: "draft" });
    const draft = await start();
    await draft.v.submit({ email: "dana@acme.test" });
    expect(draft.v.html).toContain('name="password"');
    expect((await setState(conn.id, "active")).status).toBe(200);
    const globex = await start({ organization_id: "org_globex" });
    await globex.v.submit({ email: "dana@acme.test" });
    expect(globex.v.html).toContain('name="password"');
    const acme = await start();
    await acme.v.submit({ email: "dana@acme.test" });
    expect(acme.v.url.pathname).toBe(`/local-idp/${conn.id}`);
  });

  it("sends an SSO domain's sign-up to the IdP too", async () => {
    const conn = await acmeConnection();
    const { v } = await start({ screen_hint: "sign-up" });
    await v.submit({ first_name: "Hal", last_name: "Hill", email: "hal@acme.test", password: "hal-password-123" });
    expect(v.url.pathname).toBe(`/local-idp/${conn.id}`);
  });
});

describe("authorize straight to the IdP", () => {
  it("goes to the organization's active connection for organization_id, with or without provider=authkit", async () => {
    const conn = await acmeConnection();
    for (const params of [{ organization_id: "org_acme" }, { organization_id: "org_acme", provider: "" }] as Record<string, string>[]) {
      const { v, verifier } = await start(params);
      expect(v.url.pathname).toBe(`/local-idp/${conn.id}`);
      await v.submit({ email: "ivy@acme.test" });
      expect((await exchange(v.url, verifier)).organization_id).toBe("org_acme");
    }
  });

  it("routes domain_hint like an email's domain, and shows AuthKit's page for a domain without SSO", async () => {
    const conn = await acmeConnection();
    expect((await start({ domain_hint: "ACME.test" })).v.url.pathname).toBe(`/local-idp/${conn.id}`);
    const plain = await start({ domain_hint: "example.com" });
    expect(plain.v.url.pathname).toBe("/sign-in");
  });

  it("refuses connection_id of an inactive connection with connection_invalid", async () => {
    const conn = await acmeConnection({ state: "inactive" });
    const url = new URL(t.authorizeUrl({ connection_id: conn.id }).url);
    url.searchParams.delete("provider");
    const target = new URL((await t.request(url.href)).headers.get("location")!);
    expect(target.searchParams.get("error")).toBe("connection_invalid");
    expect(target.searchParams.get("error_description")).toContain("inactive");
  });

  it("keeps the IdP's form bound to the browser that started the sign-in", async () => {
    const conn = await acmeConnection();
    const { v } = await start({ organization_id: "org_acme" });
    const fields = hiddenFields(v.html);
    const other = visitor();
    await other.go(`/local-idp/${conn.id}`, { ...fields, email: "dana@acme.test" });
    expect(other.status).toBe(403);
    await other.go(`/sso/callback?authorization_session_id=${fields.authorization_session_id}`);
    expect(other.status).toBe(403);
  });

  it("sends a sign-in that is not at this connection's IdP back to AuthKit's first step", async () => {
    const conn = await acmeConnection();
    const { v } = await start();
    const id = hiddenFields(v.html).authorization_session_id;
    await v.go(`/local-idp/${conn.id}?authorization_session_id=${id}`);
    expect(v.url.pathname).toBe("/sign-in");
    await v.go(`/sso/callback?authorization_session_id=${id}`);
    expect(v.url.pathname).toBe("/sign-in");
  });

  it("sends the sign-in back to AuthKit's first step when the connection is deactivated while the user is at the IdP", async () => {
    const conn = await acmeConnection();
    const { v } = await start({ organization_id: "org_acme" });
    await setState(conn.id, "inactive");
    await v.submit({ email: "dana@acme.test" });
    expect(v.url.pathname).toBe("/sign-in");
    expect(v.left).toBe(false);
  });
});

describe("SSO and the organization's members", () => {
  it("serves the organization's verified domains (the demo connection lists none of its own)", async () => {
    const got = (await (await t.request(`/connections/${ACME_SSO.id}`, { headers: { Authorization: `Bearer ${t.server.apiKey}` } })).json()) as { domains: { id: string; domain: string }[] };
    expect(got.domains).toEqual([{ object: "connection_domain", id: ACME_DOMAIN.id, domain: ACME_DOMAIN.domain }]);
  });

  it("keeps a deactivated member out: the callback refuses on a page instead of reactivating them", async () => {
    const first = await start();
    await first.v.submit({ email: "vic@acme.test" });
    await first.v.submit({ email: "vic@acme.test" });
    const auth = await exchange(first.v.url, first.verifier);
    const headers = { Authorization: `Bearer ${t.server.apiKey}`, "Content-Type": "application/json" };
    const list = (await (await t.request(`/user_management/organization_memberships?user_id=${auth.user.id}`, { headers })).json()) as { data: { id: string }[] };
    expect((await t.request(`/user_management/organization_memberships/${list.data[0]!.id}/deactivate`, { method: "PUT", headers, body: "{}" })).status).toBe(200);
    const again = await start();
    await again.v.submit({ email: "vic@acme.test" });
    await again.v.submit({ email: "vic@acme.test" });
    expect(again.v.status).toBe(403);
    expect(again.v.html).toContain("is deactivated");
  });
});

describe("password sign-in is unchanged for other domains", () => {
  it("signs Bob in with his password while Acme's connection serves acme.test", async () => {
    await acmeConnection();
    const { v } = await start();
    await v.submit({ email: BOB.email });
    await v.submit({ password: DEMO_PASSWORD });
    expect(v.url.searchParams.get("code")).toBeTruthy();
  });
});
