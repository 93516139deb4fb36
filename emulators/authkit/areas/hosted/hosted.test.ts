import { describe, expect, it } from "vitest";
import { ALICE, BOB, DEMO_PASSWORD } from "../../demo-world.ts";
import { alertText, hiddenFields, organizationButtons } from "../../testing/hosted-pages.ts";
import { APP_ORIGIN, REDIRECT_URI } from "../../testing/start.ts";
import { TestBrowser } from "../../testing/test-browser.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ resetBeforeEach: true });

/** A person on a hosted page: what they see, and the forms they can submit. */
class Visitor {
  readonly browser = new TestBrowser(APP_ORIGIN);
  html = "";
  status = 0;
  url = new URL("http://x");

  async start(params: Record<string, string> = {}) {
    await this.go(t.authorizeUrl(params).url);
    return this;
  }

  async go(target: string | URL, form?: Record<string, string>) {
    const { response, url } = await this.browser.navigate(target, { form, stayOn: t.url });
    this.status = response.status;
    this.url = url;
    this.html = url.origin === new URL(t.url).origin ? await response.text() : "";
    return this;
  }

  /** Posts the page's form (its hidden fields plus `fields`) to `action`. */
  submit(action: string, fields: Record<string, string>) {
    return this.go(new URL(action, t.url), { ...hiddenFields(this.html), ...fields });
  }

  get alert() {
    return alertText(this.html)?.replaceAll("&#39;", "'");
  }
}

describe("hosted sign-in", () => {
  it("is marked as the local AuthKit, asks for the email first, then the password, labelling every input and naming its buttons", async () => {
    const v = await new Visitor().start();
    expect(v.html).toContain("<strong>Local AuthKit</strong>");
    expect(v.html).toMatch(/<label for="field-email">Email<\/label>\s*<input id="field-email"/);
    expect(v.html).not.toContain('name="password"');
    expect(v.html).toContain('<button type="submit">Continue</button>');
    expect(v.html).toContain("focus-visible");
    await v.submit("/sign-in", { email: BOB.email });
    expect(v.url.pathname).toBe("/sign-in");
    expect(v.html).toContain(`Signing in as <strong>${BOB.email}</strong>`);
    expect(v.html).toMatch(/<label for="field-password">Password<\/label>\s*<input id="field-password"/);
    expect(v.html).toContain('<button type="submit">Sign in</button>');
    expect(v.html).toContain('<button type="submit" class="secondary">Email me a code</button>');
    await v.submit("/sign-in", { password: DEMO_PASSWORD });
    expect(v.url.origin + v.url.pathname).toBe(REDIRECT_URI);
  });

  it("goes back to the email step with \"Use another email\"", async () => {
    const v = await new Visitor().start();
    await v.submit("/sign-in", { email: BOB.email });
    await v.go(new URL(`/sign-in?authorization_session_id=${hiddenFields(v.html).authorization_session_id}&step=email`, t.url));
    expect(v.html).not.toContain('name="password"');
    await v.submit("/sign-in", { email: ALICE.email });
    expect(v.html).toContain(`Signing in as <strong>${ALICE.email}</strong>`);
  });

  it("returns to the app with a code and the untouched state", async () => {
    const v = await new Visitor().start({ state: '{"returnTo":"/notes?x=1&y=2"}' });
    await v.submit("/sign-in", { email: BOB.email, password: DEMO_PASSWORD });
    expect(v.url.origin + v.url.pathname).toBe(REDIRECT_URI);
    expect(v.url.searchParams.get("code")).toBeTruthy();
    expect(v.url.searchParams.get("state")).toBe('{"returnTo":"/notes?x=1&y=2"}');
  });

  it("shows a wrong password and an unknown email inline", async () => {
    const v = await new Visitor().start();
    await v.submit("/sign-in", { email: BOB.email, password: "not-the-password" });
    expect(v.status).toBe(400);
    expect(v.alert).toContain(`Wrong password for ${BOB.email}`);
    expect(v.html).toContain(`value="${BOB.email}"`);
    await v.submit("/sign-in", { email: "nobody@example.com", password: "whatever-1" });
    expect(v.alert).toContain("No account uses nobody@example.com");
  });

  it("rate-limits repeated failures for one account, even with the right password", async () => {
    const v = await new Visitor().start();
    for (let i = 0; i < 5; i++) await v.submit("/sign-in", { email: BOB.email, password: `wrong-${i}-password` });
    await v.submit("/sign-in", { email: BOB.email, password: DEMO_PASSWORD });
    expect(v.status).toBe(429);
    expect(v.alert).toContain(`Too many failed attempts for ${BOB.email}`);
    // Other accounts are not affected.
    await v.submit("/sign-in", { email: ALICE.email, password: DEMO_PASSWORD });
    expect(v.url.pathname).toBe("/organization-selection");
  });

  it("counts parallel attempts before checking them, so a burst cannot get past the limit", async () => {
    const v = await new Visitor().start();
    const fields = hiddenFields(v.html);
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        v.browser.navigate(new URL("/sign-in", t.url), { form: { ...fields, email: BOB.email, password: `wrong-${i}-password` }, stayOn: t.url }),
      ),
    );
    const statuses = burst.map(({ response }) => response.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    await v.submit("/sign-in", { email: BOB.email, password: DEMO_PASSWORD });
    expect(v.status).toBe(429);
  });

  it("counts only failures: ten parallel sign-ins with the right password all get a code", async () => {
    const visitors = await Promise.all(Array.from({ length: 10 }, () => new Visitor().start()));
    await Promise.all(visitors.map((v) => v.submit("/sign-in", { email: BOB.email, password: DEMO_PASSWORD })));
    expect(visitors.map((v) => v.url.origin + v.url.pathname)).toEqual(Array(10).fill(REDIRECT_URI));
  });

  it("lists the organizations as buttons when the user has several and none was asked for", async () => {
    const v = await new Visitor().start();
    await v.submit("/sign-in", { email: ALICE.email, password: DEMO_PASSWORD });
    expect(organizationButtons(v.html)).toEqual({ "Acme Corp": "org_acme", Globex: "org_globex" });
    await v.submit("/organization-selection", { organization_id: "org_not_mine" });
    expect(v.status).toBe(400);
    await v.submit("/organization-selection", { organization_id: "org_globex" });
    expect(v.url.origin + v.url.pathname).toBe(REDIRECT_URI);
  });

  it("signs in straight to the organization_id asked for, and refuses a non-member", async () => {
    const alice = await new Visitor().start({ organization_id: "org_globex" });
    await alice.submit("/sign-in", { email: ALICE.email, password: DEMO_PASSWORD });
    expect(alice.url.origin + alice.url.pathname).toBe(REDIRECT_URI);
    const bob = await new Visitor().start({ organization_id: "org_globex" });
    await bob.submit("/sign-in", { email: BOB.email, password: DEMO_PASSWORD });
    expect(bob.status).toBe(403);
    expect(bob.html).toContain("is not a member of Globex");
  });

  it("refuses a form without the page's CSRF token, or from another browser", async () => {
    const v = await new Visitor().start();
    const fields = hiddenFields(v.html);
    await v.go(new URL("/sign-in", t.url), { ...fields, csrf_token: "forged", email: BOB.email, password: DEMO_PASSWORD });
    expect(v.status).toBe(403);
    const other = new Visitor();
    await other.go(new URL("/sign-in", t.url), { ...fields, email: BOB.email, password: DEMO_PASSWORD });
    expect(other.status).toBe(403);
    expect(other.html).toContain("Start signing in again");
  });
});

describe("hosted sign-up", () => {
  const dana = { first_name: "Dana", last_name: "Diaz", email: "dana@example.com", password: "correct-horse-battery" };

  async function codeFor(email: string, kind: "verification_code" | "password_reset_code") {
    const body = await (await t.request(`/_local/codes?email=${encodeURIComponent(email)}`)).json();
    return body[kind] as string;
  }

  it("creates the account, verifies the email with the logged code, and returns to the app", async () => {
    const v = await new Visitor().start({ screen_hint: "sign-up" });
    for (const label of ["First name", "Last name", "Email", "Password"]) expect(v.html).toContain(`>${label}</label>`);
    expect(v.html).toContain('<button type="submit">Sign up</button>');
    await v.submit("/sign-up", dana);
    expect(v.url.pathname).toBe("/email-verification");
    expect(v.html).toContain(">Code</label>");
    expect(v.html).toContain('<button type="submit">Continue</button>');
    const code = await codeFor(dana.email, "verification_code");
    expect(code).toMatch(/^\d{6}$/);
    expect(t.logs.some((line) => line.includes(`email verification code for ${dana.email}: ${code}`))).toBe(true);

    await v.submit("/email-verification", { code: code === "000000" ? "111111" : "000000" });
    expect(v.status).toBe(400);
    expect(v.alert).toContain("That code is wrong or has expired");
    await v.submit("/email-verification", { code });
    expect(v.url.origin + v.url.pathname).toBe(REDIRECT_URI);
  });

  it("shows a taken email and a weak password inline", async () => {
    const v = await new Visitor().start({ screen_hint: "sign-up" });
    await v.submit("/sign-up", { ...dana, email: BOB.email });
    expect(v.status).toBe(400);
    expect(v.alert).toContain(`An account already uses ${BOB.email}`);
    await v.submit("/sign-up", { ...dana, password: "short" });
    expect(v.alert).toContain("Password is too weak");
    await v.submit("/sign-up", { ...dana, password: "password" });
    expect(v.alert).toContain("Password is too weak");
  });

  it("names every field's problem at once, keeps what was typed and focuses the first field to fix", async () => {
    const v = await new Visitor().start({ screen_hint: "sign-up" });
    await v.submit("/sign-up", { ...dana, first_name: "", email: "not-an-email", password: "short" });
    expect(v.status).toBe(400);
    expect(v.alert).toContain("Enter your first and last name.");
    expect(v.alert).toContain("Enter a valid email address");
    expect(v.alert).toContain("Password is too weak");
    expect(v.html.match(/<input[^>]*aria-invalid="true"/g)).toHaveLength(4);
    expect(v.html).toMatch(/name="first_name"[^>]*autofocus/);
    expect(v.html).toContain('value="Diaz"');
    expect(v.html).toContain('value="not-an-email"');

    await v.submit("/sign-up", { ...dana, password: "short" });
    expect(v.alert).toBe("Password is too weak: use at least 8 characters.");
    expect(v.html.match(/<input[^>]*autofocus/g)).toHaveLength(1);
    expect(v.html).toMatch(/name="password"[^>]*autofocus/);
    for (const value of [dana.first_name, dana.last_name, dana.email]) expect(v.html).toContain(`value="${value}"`);
  });

  it("asks an unverified user for a code when they sign in later", async () => {
    const v = await new Visitor().start({ screen_hint: "sign-up" });
    await v.submit("/sign-up", dana);
    const later = await new Visitor().start();
    await later.submit("/sign-in", { email: dana.email, password: dana.password });
    expect(later.url.pathname).toBe("/email-verification");
  });

  it("does not forgive wrong codes when an unverified user signs in again", async () => {
    const v = await new Visitor().start({ screen_hint: "sign-up" });
    await v.submit("/sign-up", dana);
    const code = await codeFor(dana.email, "verification_code");
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 3; i++) await v.submit("/email-verification", { code: wrong });

    // The right password starts a new verification step, but the failures so far still count.
    const again = await new Visitor().start();
    await again.submit("/sign-in", { email: dana.email, password: dana.password });
    expect(again.url.pathname).toBe("/email-verification");
    const resent = await codeFor(dana.email, "verification_code");
    const wrongAgain = resent === "000000" ? "111111" : "000000";
    for (let i = 0; i < 2; i++) await again.submit("/email-verification", { code: wrongAgain });
    await again.submit("/email-verification", { code: resent });
    expect(again.status).toBe(429);
    expect(again.alert).toContain(`Too many failed attempts for ${dana.email}`);
  });

  it("creates one account when the same email signs up in parallel", async () => {
    const visitors = await Promise.all(Array.from({ length: 6 }, () => new Visitor().start({ screen_hint: "sign-up" })));
    const emails = ["Dana@Example.com", "dana@example.com", "DANA@EXAMPLE.COM"];
    await Promise.all(visitors.map((v, i) => v.submit("/sign-up", { ...dana, email: emails[i % emails.length]! })));
    const through = visitors.filter((v) => v.url.pathname === "/email-verification");
    const refused = visitors.filter((v) => v.status === 400);
    expect(through).toHaveLength(1);
    expect(refused).toHaveLength(5);
    for (const v of refused) expect(v.alert).toContain(`An account already uses ${dana.email}`);
  });

  it("resets a forgotten password with the logged code, then signs in with the new one", async () => {
    const v = await new Visitor().start();
    await v.go(new URL(`/reset-password?authorization_session_id=${hiddenFields(v.html).authorization_session_id}`, t.url));
    await v.submit("/reset-password", { email: "nobody@example.com" });
    expect(v.alert).toContain("No account uses nobody@example.com");
    await v.submit("/reset-password", { email: BOB.email });
    expect(v.url.searchParams.get("step")).toBe("code");
    const code = await codeFor(BOB.email, "password_reset_code");
    await v.submit("/reset-password", { code: code === "000000" ? "111111" : "000000", password: "a-brand-new-password" });
    expect(v.alert).toContain("That code is wrong or has expired");
    await v.submit("/reset-password", { code, password: "a-brand-new-password" });
    expect(v.url.origin + v.url.pathname).toBe(REDIRECT_URI);

    const old = await new Visitor().start();
    await old.submit("/sign-in", { email: BOB.email, password: DEMO_PASSWORD });
    expect(old.alert).toContain("Wrong password");
    await old.submit("/sign-in", { email: BOB.email, password: "a-brand-new-password" });
    expect(old.url.origin + old.url.pathname).toBe(REDIRECT_URI);
  });
});
