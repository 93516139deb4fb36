import { afterEach, describe, expect, it, vi } from "vitest";
import { ACME, ACME_SSO, CAROL, DEMO_PASSWORD, GLOBEX } from "../../demo-world.ts";
import { HostedVisitor } from "../../testing/hosted-pages.ts";
import { APP_ORIGIN, REDIRECT_URI } from "../../testing/start.ts";
import { TestBrowser } from "../../testing/test-browser.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ resetBeforeEach: true });
afterEach(() => {
  vi.useRealTimers();
});

interface Invitation {
  id: string;
  token: string;
  state: string;
  accepted_user_id: string | null;
}

const api = (path: string, body?: unknown) =>
  t.request(path, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${t.server.apiKey}`, "Content-Type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

async function invite(body: Record<string, unknown>): Promise<Invitation> {
  const response = await api("/user_management/invitations", body);
  expect(response.status).toBe(201);
  return (await response.json()) as Invitation;
}

async function open(params: Record<string, string>) {
  const { url, verifier } = t.authorizeUrl(params);
  const v = await new HostedVisitor(t.url, new TestBrowser(APP_ORIGIN)).go(url);
  return { v, verifier };
}

async function exchange(callback: URL, verifier: string) {
  const response = await t.post("/user_management/authenticate", {
    client_id: t.server.clientId,
    grant_type: "authorization_code",
    code: callback.searchParams.get("code"),
    code_verifier: verifier,
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { organization_id?: string; access_token: string; user: { id: string; email: string; email_verified: boolean } };
  const claims = JSON.parse(Buffer.from(body.access_token.split(".")[1]!, "base64url").toString()) as { role?: string };
  return { ...body, role: claims.role };
}

describe("invitation_token on the hosted pages", () => {
  it("signs a new invitee up with the invitation's email locked, accepts it, and signs in to its organization with its role", async () => {
    const invitation = await invite({ email: "Nina@Example.com", organization_id: GLOBEX.id, role_slug: "admin" });
    const { v, verifier } = await open({ screen_hint: "sign-up", invitation_token: invitation.token });
    expect(v.url.pathname).toBe("/sign-up");
    expect(v.html).toContain(`You have been invited to join ${GLOBEX.name} as nina@example.com.`);
    expect(v.html).toMatch(/<input id="field-email" name="email" type="email" value="nina@example.com" required readonly/);
    await v.submit({ first_name: "Nina", last_name: "North", email: "nina@example.com", password: "nina-password-1" });
    // No verification code: the invitation reached the address.
    expect(v.url.origin + v.url.pathname).toBe(REDIRECT_URI);
    const auth = await exchange(v.url, verifier);
    expect(auth).toMatchObject({ organization_id: GLOBEX.id, role: "admin", user: { email: "nina@example.com", email_verified: true } });
    const after = (await (await api(`/user_management/invitations/${invitation.id}`)).json()) as Invitation;
    expect(after).toMatchObject({ state: "accepted", accepted_user_id: auth.user.id });
  });

  it("refuses another email on the page, for sign-up and sign-in alike", async () => {
    const invitation = await invite({ email: "nina@example.com", organization_id: GLOBEX.id });
    const up = await open({ screen_hint: "sign-up", invitation_token: invitation.token });
    await up.v.submit({ first_name: "Eve", last_name: "Evil", email: "eve@example.com", password: "eve-password-12" });
    expect(up.v.status).toBe(400);
    expect(up.v.alert).toContain("This invitation is for nina@example.com");
    const into = await open({ invitation_token: invitation.token });
    expect(into.v.html).toContain('value="nina@example.com"');
    await into.v.submit({ email: CAROL.email });
    expect(into.v.status).toBe(400);
    expect(into.v.alert).toContain("This invitation is for nina@example.com");
    expect((await (await api(`/user_management/invitations/${invitation.id}`)).json()) as Invitation).toMatchObject({ state: "pending" });
  });

  it("adds an existing user who signs in through the link to the organization", async () => {
    const invitation = await invite({ email: CAROL.email, organization_id: GLOBEX.id, role_slug: "member" });
    const { v, verifier } = await open({ invitation_token: invitation.token });
    await v.submit({ email: CAROL.email });
    await v.submit({ password: DEMO_PASSWORD });
    const auth = await exchange(v.url, verifier);
    expect(auth).toMatchObject({ organization_id: GLOBEX.id, role: "member" });
  });

  it("accepts it after Magic Auth too", async () => {
    const invitation = await invite({ email: CAROL.email, organization_id: ACME.id });
    const { v, verifier } = await open({ invitation_token: invitation.token });
    // Acme has SSO for acme.test, but Carol's example.com is not routed: the password step.
    await v.submit({ email: CAROL.email });
    await v.submit({}, "/magic-auth");
    const { magic_auth_code } = (await (await t.request(`/_local/codes?email=${CAROL.email}`)).json()) as { magic_auth_code: string };
    await v.submit({ code: magic_auth_code });
    expect((await exchange(v.url, verifier)).organization_id).toBe(ACME.id);
  });

  it("accepts an invitation whose email is routed to SSO at the end of the SSO sign-in", async () => {
    const invitation = await invite({ email: "olga@acme.test", organization_id: ACME.id, role_slug: "admin" });
    const { v, verifier } = await open({ screen_hint: "sign-up", invitation_token: invitation.token });
    // The invitation's email is at acme.test, which Acme's connection serves: straight to its IdP.
    expect(v.url.pathname).toBe(`/local-idp/${ACME_SSO.id}`);
    await v.submit({ email: "olga@acme.test" });
    expect(await exchange(v.url, verifier)).toMatchObject({ organization_id: ACME.id, role: "admin" });
    const mismatch = await invite({ email: "pat@acme.test", organization_id: ACME.id });
    const other = await open({ invitation_token: mismatch.token });
    await other.v.submit({ email: "quinn@acme.test" });
    expect(other.v.status).toBe(400);
    expect(other.v.html).toContain("This invitation is for pat@acme.test");
  });

  it.each([
    ["unknown", async () => "not-a-real-token", "This invitation link is not valid"],
    ["revoked", async () => {
      const i = await invite({ email: "rita@example.com", organization_id: GLOBEX.id });
      await api(`/user_management/invitations/${i.id}/revoke`, {});
      return i.token;
    }, "This invitation has been revoked"],
    ["accepted", async () => {
      const i = await invite({ email: CAROL.email, organization_id: GLOBEX.id });
      await api(`/user_management/invitations/${i.id}/accept`, {});
      return i.token;
    }, "This invitation has already been used"],
  ])("refuses a %s invitation on a page instead of ignoring it", async (_kind, token, message) => {
    const response = await t.request(t.authorizeUrl({ invitation_token: await token() }).url);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect((await response.text()).replaceAll("&#39;", "'")).toContain(message);
  });

  it("refuses an expired invitation on a page", async () => {
    const invitation = await invite({ email: "sam@example.com", organization_id: GLOBEX.id, expires_in_days: 1 });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 25 * 60 * 60 * 1000 });
    const response = await t.request(t.authorizeUrl({ invitation_token: invitation.token }).url);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("This invitation has expired");
  });

  it("refuses an invitation to another organization than organization_id", async () => {
    const invitation = await invite({ email: "tom@example.com", organization_id: GLOBEX.id });
    const response = await t.request(t.authorizeUrl({ invitation_token: invitation.token, organization_id: ACME.id }).url);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(`This invitation is to organization ${GLOBEX.id}, not ${ACME.id}`);
  });

  it("refuses on the page an invitation revoked while its sign-up was in progress, making no membership", async () => {
    const invitation = await invite({ email: "uma@example.com", organization_id: GLOBEX.id });
    const { v } = await open({ screen_hint: "sign-up", invitation_token: invitation.token });
    await api(`/user_management/invitations/${invitation.id}/revoke`, {});
    await v.submit({ first_name: "Uma", last_name: "Up", email: "uma@example.com", password: "uma-password-12" });
    expect(v.status).toBe(400);
    expect(v.html).toContain("This invitation has been revoked");
  });
});
