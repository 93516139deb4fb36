import { createHash, timingSafeEqual } from "node:crypto";
import { organizationResponse } from "../data.ts";
import { sendJson } from "../http/respond.ts";
import type { Ctx, Route } from "../http/router.ts";

// The WorkOS REST API answers errors as `{ message, code }`, not the OAuth-style
// `{ error, error_description }` of the User Management endpoints, so these routes answer their own.

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** `Authorization: Bearer <API key>`, compared in constant time. */
function authorized(ctx: Ctx): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? "");
  return match !== null && timingSafeEqual(digest(match[1]!), digest(ctx.app.apiKey));
}

/** GET /organizations/<id>: the Organizations API, as a server holding the API key calls it. */
function getOrganization(ctx: Ctx): void {
  if (!authorized(ctx)) {
    ctx.note("missing or wrong API key");
    sendJson(ctx.res, 401, { message: "Unauthorized", code: "unauthorized" });
    return;
  }
  const [id] = ctx.params;
  const org = ctx.app.store.organization(id!);
  if (!org) {
    sendJson(ctx.res, 404, { message: `Organization not found: '${id}'.`, code: "entity_not_found", entity_id: id });
    return;
  }
  sendJson(ctx.res, 200, organizationResponse(org));
}

export const organizationApiRoutes: Route[] = [
  { method: "GET", path: /^\/organizations\/([^/]+)$/, kind: "api", handle: getOrganization },
];
