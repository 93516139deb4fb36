import { expect, type Page } from "@playwright/test";

/**
 * Records every moment the signed-out UI shows up in the page — the landing page's **Sign in** /
 * **Sign up**, or a trip to the hosted sign-in page — from now on, including after reloads. A
 * flash of a few milliseconds counts, so "the UI never flashes signed-out" can be asserted.
 */
export async function watchSignedOutUi(page: Page, authkitUrl: string): Promise<() => string[]> {
  const seen: string[] = [];
  await page.exposeFunction("__e2eSignedOutSeen", (what: string) => void seen.push(what));
  const install = () => {
    const w = window as unknown as { __e2eWatching?: boolean; __e2eSignedOutSeen(what: string): void };
    if (w.__e2eWatching) return;
    w.__e2eWatching = true;
    const check = () => {
      for (const el of document.querySelectorAll("button, a")) {
        const name = el.textContent?.trim();
        if (name === "Sign in" || name === "Sign up") w.__e2eSignedOutSeen(`${location.pathname} showed "${name}"`);
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
    check();
  };
  await page.addInitScript(install);
  await page.evaluate(install);
  const authkitOrigin = new URL(authkitUrl).origin;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame() && new URL(frame.url()).origin === authkitOrigin) seen.push(`went to ${frame.url()}`);
  });
  return () => seen;
}

/** Counts the AuthKit client's refreshes (`grant_type=refresh_token`) by outcome. */
export function countRefreshes(page: Page, authkitUrl: string) {
  const counts = { ok: 0, failed: 0, lastAccessToken: "" };
  const isRefresh = (url: string, body: string | null) =>
    url.startsWith(`${authkitUrl}/user_management/authenticate`) && !!body && body.includes('"refresh_token"');
  page.on("response", async (response) => {
    const request = response.request();
    if (request.method() !== "POST" || !isRefresh(request.url(), request.postData())) return;
    if (response.ok()) {
      counts.ok++;
      const body = (await response.json().catch(() => ({}))) as { access_token?: string };
      if (body.access_token) counts.lastAccessToken = body.access_token;
    } else {
      counts.failed++;
    }
  });
  page.on("requestfailed", (request) => {
    if (request.method() === "POST" && isRefresh(request.url(), request.postData())) counts.failed++;
  });
  return counts;
}

/**
 * Resolves just after the next refresh has landed. Refresh tokens rotate (a used one stops
 * working), so a reload or an outage that cuts a refresh off half-way — the server rotated, the
 * page never stored the new token — ends the session for real. Tests that reload or stop the
 * local AuthKit while tokens refresh every few seconds wait for a calm moment with this.
 */
export async function afterNextRefresh(refreshes: { ok: number }): Promise<void> {
  const landed = refreshes.ok;
  await expect.poll(() => refreshes.ok, { timeout: 30_000 }).toBeGreaterThan(landed);
}

/** The `exp` of a JWT, in milliseconds. */
export function expiresAtMs(jwt: string): number {
  const payload = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString()) as { exp?: number };
  if (typeof payload.exp !== "number") throw new Error("The access token has no exp claim");
  return payload.exp * 1000;
}
