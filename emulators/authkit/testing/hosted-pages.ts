import type { TestBrowser } from "./test-browser.ts";

/** The hidden fields (authorization session, CSRF token) of the first form on a hosted page. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const end = html.indexOf("</form>");
  const firstForm = end === -1 ? html : html.slice(0, end);
  for (const [, name, value] of firstForm.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    if (name && !(name in fields)) fields[name] = value ?? "";
  }
  return fields;
}

/** The organization buttons of the picker, as `{ name: id }`. */
export function organizationButtons(html: string): Record<string, string> {
  const buttons: Record<string, string> = {};
  for (const [, id, name] of html.matchAll(/<button type="submit" name="organization_id" value="([^"]+)">([^<]+)<\/button>/g)) {
    if (id && name) buttons[name] = id;
  }
  return buttons;
}

/** The text of the page's inline error (role="alert"), if any. */
export function alertText(html: string): string | undefined {
  return /role="alert"[^>]*>([^<]*)</.exec(html)?.[1];
}

export interface HostedSignIn {
  email: string;
  password: string;
  /** The organization to pick (by its name) if the picker appears. */
  organization?: string;
}

/**
 * Signs in through the hosted pages the way a person would, starting from an authorization URL
 * (e.g. `client.getSignInUrl()`): the email step, then the password step (and the organization
 * picker when it appears). Returns the URL the browser is finally sent to: the app's redirect URI
 * with `code` and `state`. Fails loudly if a page shows an error instead, or if the email is routed
 * to SSO (use `signInThroughLocalIdp` for those).
 */
export async function signInThroughHostedPages(browser: TestBrowser, authorizationUrl: string, who: HostedSignIn): Promise<URL> {
  const server = new URL(authorizationUrl).origin;
  let step = await browser.navigate(authorizationUrl, { stayOn: server });
  for (let pages = 0; pages < 8; pages++) {
    if (step.url.origin !== server) return step.url;
    const html = await step.response.text();
    if (step.response.status !== 200) {
      throw new Error(`${step.url.pathname} answered ${step.response.status}: ${alertText(html) ?? html.slice(0, 200)}`);
    }
    let form: Record<string, string>;
    if (step.url.pathname === "/organization-selection") {
      const orgs = organizationButtons(html);
      const id = who.organization ? orgs[who.organization] : undefined;
      if (!id) throw new Error(`The organization picker offers ${Object.keys(orgs).join(", ")}; pass one as \`organization\`.`);
      form = { organization_id: id };
    } else if (step.url.pathname === "/sign-in") {
      form = html.includes('name="password"') ? { password: who.password } : { email: who.email };
    } else {
      throw new Error(`signInThroughHostedPages does not know the ${step.url.pathname} page (${who.email} was sent there).`);
    }
    step = await browser.navigate(new URL(step.url.pathname, server), { form: { ...hiddenFields(html), ...form }, stayOn: server });
  }
  throw new Error("The hosted sign-in did not reach the app's redirect URI.");
}

/**
 * Signs in through SSO: from an authorization URL, typing `email` on AuthKit's email step (unless
 * the URL goes straight to the IdP), then on the Local IdP's page. Returns where the browser ends
 * up: the redirect URI with `code`, or with `error` when AuthKit refuses the identity.
 */
export async function signInThroughLocalIdp(browser: TestBrowser, authorizationUrl: string, email: string): Promise<URL> {
  const server = new URL(authorizationUrl).origin;
  let step = await browser.navigate(authorizationUrl, { stayOn: server });
  for (let pages = 0; pages < 4; pages++) {
    if (step.url.origin !== server) return step.url;
    const html = await step.response.text();
    if (step.response.status !== 200) throw new Error(`${step.url.pathname} answered ${step.response.status}: ${alertText(html) ?? html.slice(0, 200)}`);
    if (step.url.pathname !== "/sign-in" && !step.url.pathname.startsWith("/local-idp/")) {
      throw new Error(`signInThroughLocalIdp does not know the ${step.url.pathname} page (${email} was sent there, not to SSO).`);
    }
    step = await browser.navigate(new URL(step.url.pathname, server), { form: { ...hiddenFields(html), email }, stayOn: server });
  }
  throw new Error("The SSO sign-in did not reach the app's redirect URI.");
}

/**
 * A person on the hosted pages, step by step: what they see (`html`, `status`, `url`) and the
 * forms they submit. For tests that look at each page; `signInThroughHostedPages` does a whole
 * sign-in in one call.
 */
export class HostedVisitor {
  html = "";
  status = 0;
  url = new URL("about:blank");

  constructor(
    /** The server's origin, e.g. `t.url`. */
    readonly server: string,
    readonly browser: TestBrowser,
  ) {}

  /** Opens a URL (following redirects while they stay on the server). */
  async go(target: string | URL, form?: Record<string, string>): Promise<this> {
    const { response, url } = await this.browser.navigate(new URL(target, this.server), { form, stayOn: this.server });
    this.status = response.status;
    this.url = url;
    this.html = url.origin === new URL(this.server).origin ? await response.text() : "";
    return this;
  }

  /** Posts the page's first form (its hidden fields plus `fields`) to `action` (default: this page's path). */
  submit(fields: Record<string, string>, action = this.url.pathname): Promise<this> {
    return this.go(new URL(action, this.server), { ...hiddenFields(this.html), ...fields });
  }

  get alert(): string | undefined {
    return alertText(this.html)?.replaceAll("&#39;", "'");
  }

  get heading(): string | undefined {
    return /<h1>([^<]*)<\/h1>/.exec(this.html)?.[1];
  }

  /** Whether the browser has left the server, e.g. for the app's redirect URI. */
  get left(): boolean {
    return this.url.origin !== new URL(this.server).origin;
  }
}
