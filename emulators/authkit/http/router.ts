import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "../app.ts";
import { parseCookies } from "./cookies.ts";
import type { CorsVerdict } from "./cors.ts";

/** One request as a handler sees it. */
export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  app: App;
  cookies: Record<string, string>;
  cors: CorsVerdict;
  /** Path parameters captured by the route's pattern. */
  params: string[];
  /** Adds a remark to this request's log line (why it failed, which code was issued…). */
  note(text: string): void;
}

/** `api` routes answer errors as WorkOS JSON; `page` routes as an HTML page a person reads. */
export type RouteKind = "api" | "page";

export interface Route {
  method: "GET" | "POST";
  path: string | RegExp;
  kind: RouteKind;
  handle(ctx: Ctx): Promise<void> | void;
}

export type Match =
  | { route: Route; params: string[]; methodMismatch: false; kind: RouteKind }
  | { route: undefined; params: string[]; methodMismatch: boolean; kind: RouteKind };

export function match(routes: Route[], method: string, pathname: string): Match {
  let methodMismatch = false;
  let kind: RouteKind = "api";
  for (const route of routes) {
    const found = typeof route.path === "string" ? (route.path === pathname ? [] : null) : route.path.exec(pathname)?.slice(1);
    if (!found) continue;
    if (route.method === method || (method === "HEAD" && route.method === "GET")) {
      return { route, params: found.map((p) => safeDecode(p ?? "")), methodMismatch: false, kind: route.kind };
    }
    methodMismatch = true;
    kind = route.kind;
  }
  return { route: undefined, params: [], methodMismatch, kind };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function makeCtx(req: IncomingMessage, res: ServerResponse, app: App, url: URL, cors: CorsVerdict, notes: string[]): Ctx {
  return { req, res, url, app, cookies: parseCookies(req), cors, params: [], note: (text) => notes.push(text) };
}
