import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "../app.ts";
import { errorPage } from "../pages/error.ts";
import { answerPreflight, applyCors, knownHost, refusalHint } from "./cors.ts";
import { HttpError } from "./errors.ts";
import { sendHtml, sendJson } from "./respond.ts";
import { makeCtx, match, type Route, type RouteKind } from "./router.ts";

function sendError(res: ServerResponse, kind: RouteKind, error: HttpError, startOver: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (kind === "api") {
    sendJson(res, error.status, { error: error.error, error_description: error.description });
  } else {
    sendHtml(res, error.status, errorPage("Something is wrong with this request", error.description, { href: startOver, label: "Start signing in again" }));
  }
}

/**
 * The request pipeline: CORS, routing, WorkOS-shaped errors, and one log line per request
 * (method, path without the query — it can hold codes —, status, time, remarks).
 */
export function createHandler(app: App, routes: Route[]) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const notes: string[] = [];
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      url = new URL("http://localhost/");
    }
    res.on("finish", () => {
      const ms = Math.round(performance.now() - started);
      app.config.log(`${req.method} ${url.pathname} ${res.statusCode} ${ms}ms${notes.length ? ` — ${notes.join("; ")}` : ""}`);
    });

    const { config } = app;
    if (!knownHost(req, config.ownHostnames)) {
      req.resume();
      const description = `This Local AuthKit answers only to ${config.ownHostnames.join(", ")}, not to Host "${req.headers.host ?? ""}". Use one of those names, or set publicUrl to the name you use.`;
      notes.push(`misdirected: Host ${req.headers.host ?? "(none)"}`);
      sendJson(res, 421, { error: "misdirected_request", error_description: description });
      return;
    }
    const cors = applyCors(req, res, config.corsOrigins, config.ownOrigins);
    const origin = req.headers.origin ?? "";
    // Logged on every refused request, so a blocked fetch in the browser has its reason in this log.
    if (cors === "refused") notes.push(refusalHint(origin));
    if (req.method === "OPTIONS") {
      if (cors === "refused") {
        sendJson(res, 403, { error: "cors_origin_not_allowed", error_description: refusalHint(origin) });
      } else {
        answerPreflight(req, res);
      }
      return;
    }

    const found = match(routes, req.method ?? "GET", url.pathname);
    const kind = found.kind;
    const ctx = makeCtx(req, res, app, url, cors, notes);
    const fail = (error: HttpError) => {
      notes.push(`${error.error}: ${error.description}`);
      sendError(res, kind, error, app.config.signInEndpoint);
    };

    if (!found.route) {
      req.resume();
      fail(
        found.methodMismatch
          ? new HttpError(405, "method_not_allowed", `${req.method} is not allowed on ${url.pathname}.`)
          : new HttpError(404, "not_found", `No route ${req.method} ${url.pathname} in the Local AuthKit.`),
      );
      return;
    }
    // A browser would block reading the answer anyway; refusing the call keeps a foreign page from
    // rotating someone's refresh token or changing test data behind the allow list's back.
    if (cors === "refused" && req.method === "POST" && kind === "api") {
      req.resume();
      sendJson(res, 403, { error: "cors_origin_not_allowed", error_description: refusalHint(origin) });
      return;
    }
    ctx.params = found.params;
    const route = found.route;
    Promise.resolve()
      .then(() => route.handle(ctx))
      .catch((error: unknown) => {
        if (error instanceof HttpError) {
          fail(error);
          return;
        }
        app.config.log(`internal error on ${req.method} ${url.pathname}: ${(error as Error)?.stack ?? String(error)}`);
        fail(new HttpError(500, "server_error", "The Local AuthKit failed unexpectedly; its log has the details."));
      });
  };
}
