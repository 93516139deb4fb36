import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Ctx } from "./context.ts";

/** Ties a hosted sign-in to the browser that started it (see the CSRF checks in sign-in/forms.ts). */
export const BROWSER_COOKIE = "local-authkit-browser";
/** The httpOnly cookie that carries the refresh token in production (cookie) mode. */
export const REFRESH_COOKIE = "workos-refresh-token";
/** Readable by the app (cookies ignore ports): authkit-js refreshes on load when it names its client ID. */
export const HAS_SESSION_COOKIE = "workos-has-session";

const THIRTY_DAYS = 30 * 24 * 60 * 60;

export function readCookie(c: Ctx, name: string): string | undefined {
  try {
    return getCookie(c, name);
  } catch {
    // A malformed cookie from another app on localhost is ignored rather than failing the request.
    return undefined;
  }
}

export function setSessionCookies(c: Ctx, refreshToken: string, clientId: string): void {
  setCookie(c, REFRESH_COOKIE, refreshToken, { path: "/user_management", httpOnly: true, sameSite: "Lax", maxAge: THIRTY_DAYS });
  setCookie(c, HAS_SESSION_COOKIE, clientId, { path: "/", sameSite: "Lax", maxAge: THIRTY_DAYS });
}

export function clearSessionCookies(c: Ctx): void {
  deleteCookie(c, REFRESH_COOKIE, { path: "/user_management", httpOnly: true, sameSite: "Lax" });
  deleteCookie(c, HAS_SESSION_COOKIE, { path: "/", sameSite: "Lax" });
}

export function setBrowserCookie(c: Ctx, browserId: string): void {
  setCookie(c, BROWSER_COOKIE, browserId, { path: "/", httpOnly: true, sameSite: "Lax" });
}
