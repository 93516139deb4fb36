// @vitest-environment jsdom
import axe from "axe-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACME, ACME_SSO, ALICE, DEMO_PASSWORD } from "../demo-world.ts";
import { hiddenFields } from "../testing/hosted-pages.ts";
import { APP_ORIGIN, startTestAuthKit, type TestAuthKit } from "../testing/start.ts";
import { TestBrowser } from "../testing/test-browser.ts";

let t: TestAuthKit;
beforeAll(async () => {
  t = await startTestAuthKit();
});
afterAll(async () => {
  await t.server.close();
});

/** Every hosted page a person can reach, keyed by what it is. */
async function collectPages(): Promise<Record<string, string>> {
  const browser = new TestBrowser(APP_ORIGIN);
  const pages: Record<string, string> = {};
  const go = async (target: string, form?: Record<string, string>) => {
    const { response } = await browser.navigate(new URL(target, t.url), { form, stayOn: t.url });
    return response.text();
  };
  pages["sign in"] = await go(t.authorizeUrl().url);
  const flow = hiddenFields(pages["sign in"]);
  pages["password"] = await go("/sign-in", { ...flow, email: ALICE.email });
  pages["sign in with an error"] = await go("/sign-in", { ...flow, email: ALICE.email, password: "wrong-password" });
  pages["magic auth code"] = await go("/magic-auth", { ...flow, email: ALICE.email });
  pages["organization picker"] = await go("/sign-in", { ...flow, email: ALICE.email, password: DEMO_PASSWORD });
  pages["sign up"] = await go(t.authorizeUrl({ screen_hint: "sign-up" }).url);
  const signUp = hiddenFields(pages["sign up"]);
  pages["email verification"] = await go("/sign-up", { ...signUp, first_name: "Gil", last_name: "Gray", email: "gil@example.com", password: "gil-password-1" });
  pages["forgot password"] = await go(`/reset-password?authorization_session_id=${signUp.authorization_session_id}`);
  pages["new password"] = await go("/reset-password", { ...signUp, step: "request", email: ALICE.email });
  const sso = await go(t.authorizeUrl({ organization_id: ACME.id }).url);
  pages["local IdP"] = sso;
  pages["local IdP with an error"] = await go(`/local-idp/${ACME_SSO.id}`, { ...hiddenFields(sso), email: "not-an-email" });
  pages["error page"] = await (await t.request(t.authorizeUrl({ redirect_uri: "https://evil.example/" }).url)).text();
  return pages;
}

describe("hosted pages", () => {
  it("have no accessibility violations axe can find", async () => {
    const pages = await collectPages();
    const headings = Object.values(pages).map((html) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1]);
    expect(headings).toEqual([
      "Sign in",
      "Sign in",
      "Sign in",
      "Check your email",
      "Choose an organization",
      "Create an account",
      "Verify your email",
      "Reset your password",
      "Choose a new password",
      ACME_SSO.name,
      ACME_SSO.name,
      "Something is wrong with this request",
    ]);
    for (const [name, html] of Object.entries(pages)) {
      document.open();
      document.write(html);
      document.close();
      // jsdom does not lay out pages, so contrast cannot be computed here.
      const result = await axe.run(document, { rules: { "color-contrast": { enabled: false } } });
      const violations = result.violations.map((v) => `${name}: ${v.id} (${v.nodes.map((n) => n.html).join(", ")})`);
      expect(violations).toEqual([]);
      for (const input of document.querySelectorAll("input:not([type=hidden])")) {
        expect(document.querySelector(`label[for="${input.id}"]`), `${name}: label for ${input.id}`).not.toBeNull();
      }
    }
  });
});
