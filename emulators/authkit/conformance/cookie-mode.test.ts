// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ALICE, BOB, DEMO_PASSWORD } from "../demo-world.ts";
import { signInThroughHostedPages } from "../testing/hosted-pages.ts";
import { REFRESH_REPLAY_GRACE_MS } from "../store.ts";
import { startHarness, type Harness } from "./authkit-js.shared.ts";

// Production (cookie) mode: the SDK keeps the refresh token in memory only and relies on the API
// host's httpOnly cookie (sent with credentials: "include") plus the readable workos-has-session
// cookie to resume a session after a reload.

let h: Harness;
beforeEach(async () => {
  h = await startHarness(false);
});
afterEach(async () => {
  await h.close();
});

async function signedIn(who: { email: string }, organization?: string) {
  const start = await h.load("/");
  const signInUrl = await start.getSignInUrl();
  const callback = await signInThroughHostedPages(h.browser, signInUrl, { email: who.email, password: DEMO_PASSWORD, organization });
  return h.load(callback.pathname + callback.search);
}

function refreshCookie(): string {
  const cookie = h.browser.cookie("workos-refresh-token");
  if (!cookie) throw new Error("no refresh cookie");
  return `workos-refresh-token=${encodeURIComponent(cookie.value)}`;
}

describe("authkit-js against the Local AuthKit, cookie mode", () => {
  it("exchanges the code and sets the httpOnly refresh cookie and the readable has-session cookie", async () => {
    const client = await signedIn(ALICE, "Globex");
    expect(client.getUser()?.email).toBe(ALICE.email);
    expect(Object.keys(localStorage).filter((k) => k.startsWith("workos:refresh-token"))).toEqual([]);
    expect(h.browser.cookie("workos-refresh-token")).toMatchObject({ httpOnly: true, path: "/user_management" });
    expect(document.cookie).toContain("workos-has-session=client_local");
    const claims = await h.verify(await client.getAccessToken());
    expect(claims).toMatchObject({ sub: ALICE.id, org_id: "org_globex", role: "member" });
  });

  it("resumes the session after a reload from the cookies alone, rotating the cookie", async () => {
    await signedIn(BOB);
    const before = refreshCookie();
    const reloaded = await h.load("/notes");
    expect(reloaded.getUser()?.email).toBe(BOB.email);
    expect(refreshCookie()).not.toBe(before);

    // Past the grace period in which a replay is taken for a reload mid-refresh (see store.ts).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + REFRESH_REPLAY_GRACE_MS + 1000);
    const replay = await h.refreshRaw({}, before);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("refreshes and switches organization through the cookie", async () => {
    const client = await signedIn(ALICE, "Acme Corp");
    const first = await client.getAccessToken();
    const second = await client.getAccessToken({ forceRefresh: true });
    expect(second).not.toBe(first);
    await client.switchToOrganization({ organizationId: "org_globex" });
    expect(await h.verify(await client.getAccessToken())).toMatchObject({ org_id: "org_globex", role: "member" });
  });

  it("signs out: cookies cleared, the session ended, and a reload is signed out", async () => {
    const client = await signedIn(BOB);
    const cookie = refreshCookie();
    await client.signOut({ returnTo: `${location.origin}/`, navigate: false });

    expect(h.browser.cookie("workos-refresh-token")).toBeUndefined();
    expect(document.cookie).not.toContain("workos-has-session");
    expect((await h.refreshRaw({}, cookie)).status).toBe(400);
    const reloaded = await h.load("/");
    expect(reloaded.getUser()).toBeNull();
  });

  it("fails the way WorkOS does when the app's origin is not an allowed CORS origin", async () => {
    await h.close();
    h = await startHarness(false, { corsOrigins: ["http://localhost:9999"] });
    const start = await h.load("/");
    const callback = await signInThroughHostedPages(h.browser, await start.getSignInUrl(), { email: BOB.email, password: DEMO_PASSWORD });
    const reported = vi.spyOn(console, "error").mockImplementation(() => {});
    const client = await h.load(callback.pathname + callback.search);
    expect(client.getUser()).toBeNull();
    expect(String(reported.mock.calls[0]?.[0])).toContain("CORS preflight for POST /user_management/authenticate answered 403");
    await expect(client.getAccessToken()).rejects.toThrow("No access token available");
  });
});
