import { organizationJson } from "../../store/wire.ts";
import type { Ctx } from "../../http/context.ts";
import { notFound } from "../../http/errors.ts";

/** GET /organizations/<id>: the Organizations API, as a server holding the API key calls it. */
export function getOrganization(c: Ctx): Response {
  const id = c.req.param("id")!;
  const org = c.var.app.store.organization(id);
  if (!org) throw notFound("Organization", id);
  return c.json(organizationJson(c.var.app.store, org));
}
