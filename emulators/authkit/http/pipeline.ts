import { Hono } from "hono";
import type { App } from "../app.ts";
import { errorPage } from "../pages/error.ts";
import type { Ctx, Env } from "./context.ts";
import { answerPreflight, applyCors, knownHost, refusalHint } from "./cors.ts";
import { HttpError, errorBody } from "./errors.ts";
import { html } from "./respond.ts";
import { registerAreas, type Area } from "./routes.ts";

function render(c: Ctx, error: HttpError): Response {
  const status = error.status as 400;
  const shape = c.var.shape ?? "rest";
  if (shape === "page") {
    const { signInEndpoint } = c.var.app.config;
    return html(c, status, errorPage("Something is wrong with this request", error.description, { href: signInEndpoint, label: "Start signing in again" }));
  }
  return c.json(errorBody(error, shape), status);
}

/**
 * The request pipeline: the Host check, CORS, the body limit, the areas' routes, WorkOS-shaped
 * errors, and one log line per request (method, path without the query — it can hold codes —,
 * status, time, remarks).
 */
export function createPipeline(app: App, areas: Area[]): Hono<Env> {
  const hono = new Hono<Env>();
  hono.use(async (c, next) => {
    const started = performance.now();
    c.set("app", app);
    c.set("notes", []);
    await next();
    c.header("Cache-Control", "no-store");
    const ms = Math.round(performance.now() - started);
    const notes = c.var.notes;
    // A refusal's remarks say why a browser call failed: those lines are never routine.
    const line = `${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms${notes.length ? ` — ${notes.join("; ")}` : ""}`;
    (c.res.status >= 500 || notes.length ? app.config.log : app.config.requestLog)(line);
  });
  hono.use(async (c, next) => {
    const { config } = app;
    const host = c.req.header("host");
    if (!knownHost(host, config.ownHostnames)) {
      c.var.notes.push(`misdirected: Host ${host ?? "(none)"}`);
      const description = `This Local AuthKit answers only to ${config.ownHostnames.join(", ")}, not to Host "${host ?? ""}". Use one of those names, or set publicUrl to the name you use.`;
      return c.json({ error: "misdirected_request", error_description: description }, 421);
    }
    const cors = applyCors(c, config.corsOrigins, config.ownOrigins);
    c.set("cors", cors);
    const origin = c.req.header("origin") ?? "";
    // Logged on every refused request, so a blocked fetch in the browser has its reason in this log.
    if (cors === "refused") c.var.notes.push(refusalHint(origin));
    if (c.req.method === "OPTIONS") {
      return cors === "refused" ? c.json({ error: "cors_origin_not_allowed", error_description: refusalHint(origin) }, 403) : answerPreflight(c);
    }
    await next();
  });
  registerAreas(hono, areas);
  hono.notFound((c) => render(c, new HttpError(404, "not_found", `No route ${c.req.method} ${c.req.path} in the Local AuthKit.`)));
  hono.onError((error, c) => {
    if (error instanceof HttpError) {
      c.var.notes.push(`${error.code}: ${error.description}`);
      return render(c, error);
    }
    app.config.log(`internal error on ${c.req.method} ${c.req.path}: ${error.stack ?? String(error)}`);
    return render(c, new HttpError(500, "server_error", "The Local AuthKit failed unexpectedly; its log has the details."));
  });
  return hono;
}
