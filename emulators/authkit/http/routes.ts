import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requireApiKey } from "./api-key.ts";
import { MAX_BODY_BYTES, tooLarge } from "./body.ts";
import type { Ctx, Env } from "./context.ts";
import { refusalHint } from "./cors.ts";
import { HttpError, type ErrorShape } from "./errors.ts";

export type Handler = (c: Ctx) => Response | Promise<Response>;
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * What an area registers its routes with. The kind of route decides, in one place, how its errors
 * are written and who may call it:
 * - `page`: a hosted page a person reads (errors as HTML);
 * - `oauth`: the public User Management endpoints the browser client calls (OAuth errors);
 * - `api`: WorkOS's server API, behind the API key (REST errors);
 * - `test`: this emulator's own `/_local` helpers for tests and scripts (REST errors, no key:
 *   the Host check and the CORS allow list keep other sites out).
 */
export interface Routes {
  page(method: Method, path: string, handler: Handler): void;
  oauth(method: Method, path: string, handler: Handler): void;
  api(method: Method, path: string, handler: Handler): void;
  test(method: Method, path: string, handler: Handler): void;
}

/** One registered route, as `routeTable` lists them. */
export interface RouteEntry {
  kind: keyof Routes;
  method: Method;
  path: string;
}

/** Every route the areas register, without a server: for tests that must reach each one. */
export function routeTable(areas: Area[]): RouteEntry[] {
  const entries: RouteEntry[] = [];
  const add = (kind: keyof Routes) => (method: Method, path: string) => void entries.push({ kind, method, path });
  const routes: Routes = { page: add("page"), oauth: add("oauth"), api: add("api"), test: add("test") };
  for (const area of areas) area.register(routes);
  return entries;
}

/** An emulated WorkOS area (one folder under areas/), registering its own routes. */
export interface Area {
  name: string;
  register(routes: Routes): void;
}

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

const SHAPES = { page: "page", oauth: "oauth", api: "rest", test: "rest" } as const satisfies Record<keyof Routes, ErrorShape>;

/**
 * Registers the areas' routes on `hono`, then, for each path, an answer to every other method:
 * 405 rather than 404, as a known path called with the wrong method is a different mistake.
 */
export function registerAreas(hono: Hono<Env>, areas: Area[]): void {
  const paths = new Map<string, { methods: Method[]; shape: ErrorShape }>();
  const add = (kind: keyof Routes) => (method: Method, path: string, handler: Handler) => {
    const shape = SHAPES[kind];
    const known = paths.get(path) ?? { methods: [], shape };
    known.methods.push(method);
    paths.set(path, known);
    hono.on(
      method,
      path,
      async (c, next) => {
        c.set("shape", shape);
        // A browser would block reading the answer anyway; refusing the call keeps a foreign page from
        // rotating someone's refresh token or changing test data behind the allow list's back.
        if (c.var.cors === "refused" && kind !== "page" && method !== "GET") {
          throw new HttpError(403, "cors_origin_not_allowed", refusalHint(c.req.header("origin") ?? ""));
        }
        if (kind === "api") requireApiKey(c);
        await next();
      },
      limitBody,
      handler,
    );
  };
  const routes: Routes = { page: add("page"), oauth: add("oauth"), api: add("api"), test: add("test") };
  for (const area of areas) area.register(routes);
  for (const [path, { methods, shape }] of paths) {
    hono.all(path, (c) => {
      c.set("shape", shape);
      throw new HttpError(405, "method_not_allowed", `${c.req.method} is not allowed on ${c.req.path}; use ${methods.join(" or ")}.`);
    });
  }
}
