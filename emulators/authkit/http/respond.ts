import type { Ctx } from "./context.ts";

type Status = 200 | 201 | 400 | 403 | 404 | 409 | 422 | 429 | 500;

export function html(c: Ctx, status: Status, body: string): Response {
  // The hosted pages are never framed (clickjacking) and run no scripts.
  c.header("X-Frame-Options", "DENY");
  c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'");
  return c.html(body, status);
}

/** 302 for a GET that moves on; 303 after a form POST, so the browser follows with a GET. */
export function redirect(c: Ctx, location: string, status: 302 | 303 = 302): Response {
  return c.redirect(location, status);
}
