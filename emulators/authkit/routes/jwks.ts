import { HttpError } from "../http/errors.ts";
import { sendJson } from "../http/respond.ts";
import type { Ctx, Route } from "../http/router.ts";

/** GET /sso/jwks/<clientId>: the public key(s) that verify access tokens (Convex reads this). */
function jwks(ctx: Ctx): void {
  const [clientId] = ctx.params;
  if (clientId !== ctx.app.config.clientId) {
    throw new HttpError(404, "not_found", `No JWKS for client "${clientId}": this Local AuthKit serves "${ctx.app.config.clientId}".`);
  }
  sendJson(ctx.res, 200, ctx.app.signer.jwks);
}

function health(ctx: Ctx): void {
  const { config, store } = ctx.app;
  sendJson(ctx.res, 200, {
    status: "ok",
    client_id: config.clientId,
    issuer: config.issuer,
    jwks_uri: `${config.publicUrl}/sso/jwks/${config.clientId}`,
    data_file: store.dataFile,
  });
}

export const jwksRoutes: Route[] = [
  { method: "GET", path: /^\/sso\/jwks\/([^/]+)$/, kind: "api", handle: jwks },
  { method: "GET", path: "/health", kind: "api", handle: health },
];
