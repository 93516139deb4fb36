/**
 * The floor under a browser sign-in: the same steps with no browser, timed from the hosted form's
 * POST to the first `users.me` answer from Convex — the form post and its redirects, the code
 * exchange, a Convex socket's Authenticate and the query. The bench reports the browser's
 * submit → Welcome as a ratio to it, which says how much the page itself adds.
 */
import { createHash, randomBytes } from "node:crypto";
import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import WebSocket from "ws";
import { hiddenFields } from "../../emulators/authkit/testing/hosted-pages.ts";
import { TestBrowser } from "../../emulators/authkit/testing/test-browser.ts";
import type { StackUrls } from "../support/stack-protocol.ts";
import type { TestUser } from "../support/users.ts";

const me = makeFunctionReference<"query", Record<string, never>, { user: { name?: string } | null }>("users:me");


const base64url = (bytes: Buffer) => bytes.toString("base64url");

/** One sign-in without a browser; resolves with the milliseconds from the form POST to `users.me`. */
export async function measureSignInFloor(stack: StackUrls, user: TestUser): Promise<number> {
  const clientId = stack.viteEnv.VITE_WORKOS_CLIENT_ID;
  if (!clientId) throw new Error("the bench's stack gave Vite no VITE_WORKOS_CLIENT_ID");
  const browser = new TestBrowser(stack.appUrl);
  const verifier = base64url(randomBytes(32));
  const authorize = new URL("/user_management/authorize", stack.authkitUrl);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: `${stack.appUrl}/callback`,
    response_type: "code",
    provider: "authkit",
    state: base64url(randomBytes(16)),
    code_challenge: base64url(createHash("sha256").update(verifier).digest()),
    code_challenge_method: "S256",
  }).toString();
  // Loading the hosted page is before the browser's clock starts too.
  const page = await browser.navigate(authorize, { stayOn: stack.authkitUrl });
  const form = { ...hiddenFields(await page.response.text()), email: user.email, password: user.password };
  const convex = new ConvexClient(stack.convexUrl, { webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket, unsavedChangesWarning: false });
  try {
    const started = performance.now();
    const landed = await browser.navigate(new URL(page.url.pathname, stack.authkitUrl), { form, stayOn: stack.authkitUrl });
    const code = landed.url.searchParams.get("code");
    if (!code) throw new Error(`the hosted sign-in did not return a code (ended at ${landed.url.href})`);
    const exchange = await fetch(new URL("/user_management/authenticate", stack.authkitUrl), {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: stack.appUrl },
      body: JSON.stringify({ grant_type: "authorization_code", client_id: clientId, code, code_verifier: verifier }),
    });
    if (!exchange.ok) throw new Error(`the code exchange answered ${exchange.status}: ${await exchange.text()}`);
    const { access_token: token } = (await exchange.json()) as { access_token: string };
    convex.setAuth(async () => token);
    await new Promise<void>((resolve, reject) => {
      convex.onUpdate(me, {}, (answer) => answer.user !== null && resolve(), reject);
    });
    return performance.now() - started;
  } finally {
    await convex.close();
  }
}
