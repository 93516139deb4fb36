import type { ServerResponse } from "node:http";
import { appendSetCookie, serializeCookie } from "./http/cookies.ts";

/** The httpOnly cookie that carries the refresh token in production (cookie) mode. */
export const REFRESH_COOKIE = "workos-refresh-token";
/** Readable by the app (cookies ignore ports): authkit-js refreshes on load when it names its client ID. */
export const HAS_SESSION_COOKIE = "workos-has-session";

const THIRTY_DAYS = 30 * 24 * 60 * 60;

export function setSessionCookies(res: ServerResponse, refreshToken: string, clientId: string): void {
  appendSetCookie(res, serializeCookie(REFRESH_COOKIE, refreshToken, { path: "/user_management", httpOnly: true, sameSite: "Lax", maxAgeSeconds: THIRTY_DAYS }));
  appendSetCookie(res, serializeCookie(HAS_SESSION_COOKIE, clientId, { path: "/", sameSite: "Lax", maxAgeSeconds: THIRTY_DAYS }));
}

export function clearSessionCookies(res: ServerResponse): void {
  appendSetCookie(res, serializeCookie(REFRESH_COOKIE, "", { path: "/user_management", httpOnly: true, sameSite: "Lax", maxAgeSeconds: 0 }));
  appendSetCookie(res, serializeCookie(HAS_SESSION_COOKIE, "", { path: "/", sameSite: "Lax", maxAgeSeconds: 0 }));
}
