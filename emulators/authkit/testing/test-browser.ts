/**
 * A small stand-in for a browser around Node's fetch, for driving the Local AuthKit from tests:
 * a cookie jar (cookies ignore ports, as in browsers), CORS as browsers enforce it (preflights,
 * `Access-Control-Allow-*` checks, credentials), and top-level navigations for the hosted pages.
 * Mirrors readable cookies into `document.cookie` when a DOM is present (jsdom), so authkit-js sees
 * `workos-has-session` as it would in a browser. Redirects are never followed by `fetch`; use
 * `navigate` for that.
 */

export interface StoredCookie {
  name: string;
  value: string;
  path: string;
  httpOnly: boolean;
}

const SAFE_HEADERS = new Set(["accept", "accept-language", "content-language", "content-type"]);
const SIMPLE_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);

function parseSetCookie(header: string): { cookie: StoredCookie; expired: boolean } {
  const [pair = "", ...attributes] = header.split(";").map((s) => s.trim());
  const index = pair.indexOf("=");
  const cookie: StoredCookie = {
    name: pair.slice(0, index),
    value: decodeURIComponent(pair.slice(index + 1)),
    path: "/",
    httpOnly: false,
  };
  let expired = false;
  for (const attribute of attributes) {
    const [key = "", value = ""] = attribute.split("=");
    const k = key.toLowerCase();
    if (k === "path") cookie.path = value;
    if (k === "httponly") cookie.httpOnly = true;
    if (k === "max-age" && Number(value) <= 0) expired = true;
  }
  return { cookie, expired };
}

export class CorsError extends TypeError {}

export class TestBrowser {
  private readonly jar = new Map<string, StoredCookie>();
  // The network itself; captured so that `fetch` can replace the global one without calling itself.
  private readonly send: typeof fetch = globalThis.fetch.bind(globalThis);

  /** `origin` is the page the app runs on, e.g. `location.origin` under jsdom. */
  constructor(readonly origin: string) {}

  cookie(name: string): StoredCookie | undefined {
    return [...this.jar.values()].find((c) => c.name === name);
  }

  /** The Cookie header a browser would send to this URL (all hosts are localhost here). */
  cookieHeader(url: URL): string {
    return [...this.jar.values()]
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
      .join("; ");
  }

  private store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const { cookie, expired } = parseSetCookie(header);
      const key = `${cookie.name};${cookie.path}`;
      if (expired) this.jar.delete(key);
      else this.jar.set(key, cookie);
      if (!cookie.httpOnly && typeof document !== "undefined") {
        document.cookie = expired
          ? `${cookie.name}=; Path=${cookie.path}; Max-Age=0`
          : `${cookie.name}=${cookie.value}; Path=${cookie.path}`;
      }
    }
  }

  /** `fetch` as a page on `origin` would see it (pass it to `vi.stubGlobal("fetch", …)`). */
  fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init.method ?? "GET").toUpperCase();
    const mode = init.mode ?? "cors";
    const credentials = init.credentials ?? "same-origin";
    const crossOrigin = url.origin !== this.origin;
    const withCookies = credentials === "include" || (credentials === "same-origin" && !crossOrigin);
    const headers = new Headers(init.headers);
    const cors = crossOrigin && mode === "cors";
    if (cors) {
      headers.set("Origin", this.origin);
      await this.preflight(url, method, headers, credentials === "include");
    }
    if (withCookies) {
      const cookie = this.cookieHeader(url);
      if (cookie) headers.set("Cookie", cookie);
    }
    const response = await this.send(url, { method, headers, body: init.body ?? null, redirect: "manual" });
    if (withCookies) this.store(response);
    if (cors) this.checkCors(response, credentials === "include", `${method} ${url.pathname}`);
    return response;
  };

  /**
   * A top-level navigation (a link, a redirect, a form post): cookies go along, no CORS applies,
   * and redirects are followed until one leaves `stayOn` (the hosted pages' origin). Returns the
   * last response and its URL.
   */
  async navigate(
    target: string | URL,
    o: { form?: Record<string, string>; stayOn: string },
  ): Promise<{ response: Response; url: URL }> {
    let url = new URL(target);
    let init: RequestInit = o.form
      ? {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url.origin },
          body: new URLSearchParams(o.form).toString(),
        }
      : { method: "GET" };
    for (let hops = 0; hops < 10; hops++) {
      const headers = new Headers(init.headers);
      const cookie = this.cookieHeader(url);
      if (cookie) headers.set("Cookie", cookie);
      const response = await this.send(url, { ...init, headers, redirect: "manual" });
      this.store(response);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return { response, url };
      const next = new URL(location, url);
      if (next.origin !== new URL(o.stayOn).origin) return { response, url: next };
      url = next;
      init = { method: "GET" };
    }
    throw new Error(`Too many redirects from ${String(target)}`);
  }

  private async preflight(url: URL, method: string, headers: Headers, withCredentials: boolean): Promise<void> {
    const custom = [...headers.keys()].filter((h) => h !== "origin" && !SAFE_HEADERS.has(h));
    const type = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    const simple = ["GET", "HEAD", "POST"].includes(method) && custom.length === 0 && (!type || SIMPLE_TYPES.has(type));
    if (simple) return;
    const requested = [...new Set([...custom, ...(type && !SIMPLE_TYPES.has(type) ? ["content-type"] : [])])].sort();
    const response = await this.send(url, {
      method: "OPTIONS",
      headers: {
        Origin: this.origin,
        "Access-Control-Request-Method": method,
        ...(requested.length && { "Access-Control-Request-Headers": requested.join(",") }),
      },
    });
    if (response.status < 200 || response.status >= 300) {
      throw new CorsError(`Failed to fetch: CORS preflight for ${method} ${url.pathname} answered ${response.status}`);
    }
    this.checkCors(response, withCredentials, `preflight ${method} ${url.pathname}`);
  }

  private checkCors(response: Response, withCredentials: boolean, what: string): void {
    const allowOrigin = response.headers.get("access-control-allow-origin");
    const originOk = allowOrigin === this.origin || (allowOrigin === "*" && !withCredentials);
    const credentialsOk = !withCredentials || response.headers.get("access-control-allow-credentials") === "true";
    if (!originOk || !credentialsOk) {
      throw new CorsError(`Failed to fetch: ${what} is not allowed from ${this.origin} by CORS`);
    }
  }
}
