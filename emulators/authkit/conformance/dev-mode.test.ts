// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ALICE, BOB, DEMO_PASSWORD } from "../demo-world.ts";
import { signInThroughHostedPages } from "../testing/hosted-pages.ts";
import { REFRESH_REPLAY_GRACE_MS } from "../store.ts";
import { startHarness, type Harness } from "./authkit-js.shared.ts";

// Dev mode (the SDK's default on localhost): the refresh token lives in localStorage and travels
// in the request body.
const REFRESH_KEY = "workos:refresh-token:client_local";

let h: Harness;
beforeEach(async () => {
  h = await startHarness(true);
});
afterEach(async () => {
  await h.close();
});

async function signIn(who: { email: string }, organization?: string, state?: Record<string, string>) {
  const client = await h.load("/");
  const signInUrl = await client.getSignInUrl(state ? { state } : {});
  const callback = await signInThroughHostedPages(h.browser, signInUrl, { email: who.email, password: DEMO_PASSWORD, organization });
  return { signInUrl: new URL(signInUrl), callback };
}

describe("authkit-js against the Local AuthKit, dev mode", () => {
  it("builds a sign-in URL the server accepts, with PKCE and the app's state", async () => {
    const { signInUrl, callback } = await signIn(BOB, undefined, { returnTo: "/notes" });
    expect(signInUrl.origin + signInUrl.pathname).toBe(`${h.server.url}/user_management/authorize`);
    expect(signInUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(callback.origin + callback.pathname).toBe(h.redirectUri);
    expect(callback.searchParams.get("code")).toBeTruthy();
    expect(JSON.parse(callback.searchParams.get("state")!)).toEqual({ returnTo: "/notes" });
  });

  it("accepts the client's sign-up URL (screen_hint=sign-up) and opens the sign-up page", async () => {
    const client = await h.load("/");
    const { response, url } = await h.browser.navigate(await client.getSignUpUrl(), { stayOn: h.server.url });
    expect(response.status).toBe(200);
    expect(url.pathname).toBe("/sign-up");
  });

  it("opens the sign-up page locked to the invitation's email for the client's invitation URL, and refuses an unknown token on a page", async () => {
    const sent = await fetch(`${h.server.url}/user_management/invitations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${h.server.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ email: "ines@example.com", organization_id: "org_globex" }),
    });
    const { token } = (await sent.json()) as { token: string };
    const client = await h.load("/");
    const invited = await h.browser.navigate(await client.getSignUpUrl({ invitationToken: token }), { stayOn: h.server.url });
    expect(invited.url.pathname).toBe("/sign-up");
    expect(await invited.response.text()).toMatch(/value="ines@example.com" required readonly/);
    const { response } = await h.browser.navigate(await client.getSignInUrl({ invitationToken: "Z1uX3RbwcIl5fIGJJJCXXisdI" }), { stayOn: h.server.url });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("This invitation link is not valid");
  });

  it("exchanges the code on the redirect URI: user, tokens, state, and a cleaned URL", async () => {
    const { callback } = await signIn(ALICE, "Acme Corp", { returnTo: "/notes" });
    let redirected: { state: unknown; organizationId?: string } | undefined;
    const client = await h.load(callback.pathname + callback.search, { onRedirectCallback: (p) => (redirected = p) });

    expect(client.getUser()).toMatchObject({ object: "user", id: ALICE.id, email: ALICE.email, firstName: "Alice", lastName: "Anderson", emailVerified: true });
    expect(redirected).toMatchObject({ state: { returnTo: "/notes" }, organizationId: "org_acme" });
    expect(location.search).toBe("");
    expect(localStorage.getItem(REFRESH_KEY)).toBeTruthy();

    const claims = await h.verify(await client.getAccessToken());
    expect(claims).toMatchObject({ sub: ALICE.id, org_id: "org_acme", role: "admin" });
    expect(claims.permissions).toEqual(["notes:read", "notes:write", "notes:delete", "members:manage"]);
    expect(claims.sid).toMatch(/^session_01/);
    expect(typeof claims.jti).toBe("string");
    expect(claims.exp! - claims.iat!).toBe(300);
  });

  it("refreshes with rotation: a new refresh token each time, and the used one is refused", async () => {
    const { callback } = await signIn(BOB);
    const client = await h.load(callback.pathname + callback.search);
    const first = await client.getAccessToken();
    const firstRefresh = localStorage.getItem(REFRESH_KEY)!;

    const second = await client.getAccessToken({ forceRefresh: true });
    const secondRefresh = localStorage.getItem(REFRESH_KEY)!;
    expect(second).not.toBe(first);
    expect(secondRefresh).not.toBe(firstRefresh);
    expect((await h.verify(second)).sid).toBe((await h.verify(first)).sid);

    // Past the grace period in which a replay is taken for a reload mid-refresh (see store.ts).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + REFRESH_REPLAY_GRACE_MS + 1000);
    const replay = await h.refreshRaw({ refresh_token: firstRefresh });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("keeps the session across a reload (refresh from localStorage)", async () => {
    const { callback } = await signIn(BOB);
    await h.load(callback.pathname + callback.search);
    const reloaded = await h.load("/notes");
    expect(reloaded.getUser()?.email).toBe(BOB.email);
    expect((await h.verify(await reloaded.getAccessToken())).org_id).toBe("org_acme");
  });

  it("switches organization, and the token carries the new organization's role", async () => {
    const { callback } = await signIn(ALICE, "Acme Corp");
    const client = await h.load(callback.pathname + callback.search);
    await client.switchToOrganization({ organizationId: "org_globex" });
    const claims = await h.verify(await client.getAccessToken());
    expect(claims).toMatchObject({ org_id: "org_globex", role: "member", permissions: ["notes:read", "notes:write"] });
  });

  it("signs out: the session ends on the server and the client forgets it", async () => {
    const { callback } = await signIn(BOB);
    const client = await h.load(callback.pathname + callback.search);
    const refreshToken = localStorage.getItem(REFRESH_KEY)!;
    await client.signOut({ returnTo: `${location.origin}/`, navigate: false });

    expect(client.getUser()).toBeNull();
    expect(localStorage.getItem(REFRESH_KEY)).toBeNull();
    const after = await h.refreshRaw({ refresh_token: refreshToken });
    expect(after.status).toBe(400);
    expect(await after.json()).toMatchObject({ error: "invalid_grant" });
    // The SDK tries a refresh without a token, logs the server's refusal, and reports "signed out".
    const debug = vi.spyOn(console, "debug").mockImplementation(() => {});
    await expect(client.getAccessToken()).rejects.toThrow("No access token available");
    expect(String(debug.mock.calls[0]?.[0])).toContain("Missing refresh token");
  });
});
