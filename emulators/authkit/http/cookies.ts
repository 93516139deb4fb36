import type { IncomingMessage } from "node:http";

export function parseCookies(req: IncomingMessage): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index < 1) continue;
    const name = part.slice(0, index).trim();
    if (name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A malformed value from another app on localhost is ignored rather than failing the request.
    }
  }
  return cookies;
}

export interface CookieOptions {
  path?: string;
  maxAgeSeconds?: number;
  httpOnly?: boolean;
  sameSite?: "Lax" | "Strict" | "None";
  secure?: boolean;
}

export function serializeCookie(name: string, value: string, o: CookieOptions = {}): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${o.path ?? "/"}`];
  if (o.maxAgeSeconds !== undefined) {
    parts.push(`Max-Age=${o.maxAgeSeconds}`);
    if (o.maxAgeSeconds === 0) parts.push("Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  }
  if (o.httpOnly) parts.push("HttpOnly");
  parts.push(`SameSite=${o.sameSite ?? "Lax"}`);
  if (o.secure) parts.push("Secure");
  return parts.join("; ");
}

export function appendSetCookie(res: import("node:http").ServerResponse, cookie: string): void {
  const existing = res.getHeader("Set-Cookie");
  const list = Array.isArray(existing) ? existing : existing === undefined ? [] : [String(existing)];
  res.setHeader("Set-Cookie", [...list, cookie]);
}
