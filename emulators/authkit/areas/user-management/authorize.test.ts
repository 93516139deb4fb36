import { describe, expect, it } from "vitest";
import { REDIRECT_URI } from "../../testing/start.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit();

async function expectErrorPage(params: Record<string, string>, mentions: string) {
  const { url } = t.authorizeUrl(params);
  const response = await t.request(url);
  expect(response.status).toBe(400);
  expect(response.headers.get("location")).toBeNull();
  expect(response.headers.get("content-type")).toContain("text/html");
  const html = await response.text();
  expect(html).toContain("Local AuthKit");
  expect(html.replaceAll("&quot;", '"')).toContain(mentions);
}

describe("GET /user_management/authorize", () => {
  it("starts a hosted sign-in for a valid request", async () => {
    const response = await t.request(t.authorizeUrl().url);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/sign-in\?authorization_session_id=/);
    expect(response.headers.getSetCookie().join()).toContain("local-authkit-browser=");
  });

  it("opens the sign-up page for screen_hint=sign-up, and the sign-in page for screen_hint=sign-in", async () => {
    const response = await t.request(t.authorizeUrl({ screen_hint: "sign-up" }).url);
    expect(response.headers.get("location")).toMatch(/^\/sign-up\?/);
    const signIn = await t.request(t.authorizeUrl({ screen_hint: "sign-in" }).url);
    expect(signIn.headers.get("location")).toMatch(/^\/sign-in\?/);
  });

  it("pre-fills the email from login_hint", async () => {
    const first = await t.request(t.authorizeUrl({ login_hint: "bob@example.com" }).url);
    const page = await t.request(first.headers.get("location")!);
    expect(await page.text()).toContain('value="bob@example.com"');
  });

  it.each([
    [{ client_id: "" }, "`client_id` is missing"],
    [{ client_id: "client_other" }, 'Unknown client_id "client_other"'],
    [{ redirect_uri: "" }, "`redirect_uri` is missing"],
    [{ redirect_uri: "https://evil.example/callback" }, "is not registered"],
    [{ redirect_uri: "http://localhost:5173/callback/" }, "is not registered"],
    [{ response_type: "token" }, 'response_type must be "code"'],
    [{ code_challenge: "" }, "`code_challenge` is missing"],
    [{ code_challenge_method: "plain" }, 'must be "S256"'],
    [{ code_challenge: "short" }, "is not a base64url SHA-256 challenge"],
    [{ screen_hint: "signup" }, 'screen_hint must be "sign-in" or "sign-up"'],
    [{ screen_hint: "SIGN-UP" }, 'screen_hint must be "sign-in" or "sign-up"'],
    [{ invitation_token: "Z1uX3RbwcIl5fIGJJJCXXisdI" }, "This invitation link is not valid"],
    [{ password_reset_token: "Z1uX3RbwcIl5fIGJJJCXXisdI" }, "password_reset_token is not emulated"],
  ])("shows an error page, never a redirect, for %o", async (params, mentions) => {
    await expectErrorPage(params, mentions);
  });

  it("sends WorkOS's authorization errors back to the redirect URI with error, error_description and state", async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ organization_id: "org_missing" }, "organization_invalid", 'Organization "org_missing" does not exist'],
      [{ provider: "GoogleOAuth" }, "connection_invalid", "social login is not emulated"],
      [{ provider: "Okta" }, "invalid_connection_selector", 'provider "Okta" is not a WorkOS provider'],
      [{ provider: "", connection_id: "conn_missing" }, "connection_invalid", 'Connection "conn_missing" does not exist'],
      [{ connection_id: "conn_missing" }, "invalid_connection_selector", "cannot be combined"],
      [{ provider: "" }, "invalid_connection_selector", "A connection selector is missing"],
      // Without provider=authkit, organization_id asks for the organization's SSO, and Globex has no connection.
      [{ provider: "", organization_id: "org_globex" }, "organization_invalid", "No active SSO connection is associated with organization org_globex"],
    ];
    for (const [params, error, description] of cases) {
      const url = new URL(t.authorizeUrl(params).url);
      for (const [key, value] of Object.entries(params)) if (value === "") url.searchParams.delete(key);
      const response = await t.request(url.href);
      expect(response.status, JSON.stringify(params)).toBe(302);
      const target = new URL(response.headers.get("location")!);
      expect(target.origin + target.pathname).toBe(REDIRECT_URI);
      expect(target.searchParams.get("error"), JSON.stringify(params)).toBe(error);
      expect(target.searchParams.get("error_description")).toContain(description);
      expect(target.searchParams.get("state")).toBe('{"returnTo":"/notes"}');
      expect(target.searchParams.get("code")).toBeNull();
    }
  });

  it("keeps an unregistered redirect URI a page even when the organization is unknown too", async () => {
    await expectErrorPage({ redirect_uri: "https://evil.example/callback", organization_id: "org_missing" }, "is not registered");
  });

  it("leaves state out of an error redirect when the app sent none", async () => {
    const url = new URL(t.authorizeUrl({ organization_id: "org_missing" }).url);
    url.searchParams.delete("state");
    const target = new URL((await t.request(url.href)).headers.get("location")!);
    expect(target.searchParams.get("error")).toBe("organization_invalid");
    expect(target.searchParams.has("state")).toBe(false);
  });

  it("escapes what it echoes", async () => {
    await expectErrorPage({ redirect_uri: "http://x/<script>alert(1)</script>" }, "&lt;script&gt;");
  });
});

describe("sign-ins that did not start at the app", () => {
  it("sends the hosted root to the app's sign-in endpoint", async () => {
    const response = await t.request("/");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("http://localhost:5173/sign-in");
  });

  it.each(["/sign-in", "/sign-up", "/sign-in?authorization_session_id=unknown", "/reset-password", "/email-verification", "/organization-selection"])(
    "sends %s without a sign-in in progress to the sign-in endpoint",
    async (path) => {
      const response = await t.request(path);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("http://localhost:5173/sign-in");
    },
  );
});
