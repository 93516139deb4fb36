import type { Ctx } from "../../http/context.ts";
import { HttpError } from "../../http/errors.ts";
import type { Area } from "../../http/routes.ts";

/** GET /sso/jwks/<clientId>: the public key(s) that verify access tokens (Convex reads this). */
function jwks(c: Ctx): Response {
  const clientId = c.req.param("clientId");
  const { config, signer } = c.var.app;
  if (clientId !== config.clientId) {
    throw new HttpError(404, "not_found", `No JWKS for client "${clientId}": this Local AuthKit serves "${config.clientId}".`);
  }
  return c.json(signer.jwks);
}

function health(c: Ctx): Response {
  const { config, store } = c.var.app;
  return c.json({
    status: "ok",
    client_id: config.clientId,
    issuer: config.issuer,
    jwks_uri: `${config.publicUrl}/sso/jwks/${config.clientId}`,
    data_file: store.dataFile,
  });
}

/** What a token verifier (Convex) and a readiness probe read; public, like WorkOS's JWKS. */
export const jwksArea: Area = {
  name: "jwks",
  register(r) {
    r.oauth("GET", "/sso/jwks/:clientId", jwks);
    r.oauth("GET", "/health", health);
  },
};
