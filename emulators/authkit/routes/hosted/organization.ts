import { redirect } from "../../http/respond.ts";
import type { Ctx, Route } from "../../http/router.ts";
import type { PendingAuthorization } from "../../flows.ts";
import { complete, flowForForm, flowForPage, showOrganizationPicker, stepUrl, text } from "./flow.ts";

function currentUser(ctx: Ctx, flow: PendingAuthorization) {
  const user = flow.step === "choose-organization" && flow.userId ? ctx.app.store.user(flow.userId) : undefined;
  if (!user) redirect(ctx.res, stepUrl("/sign-in", flow), 303);
  return user;
}

function show(ctx: Ctx): void {
  const flow = flowForPage(ctx);
  const user = flow && currentUser(ctx, flow);
  if (flow && user) showOrganizationPicker(ctx, flow, user);
}

async function choose(ctx: Ctx): Promise<void> {
  const posted = await flowForForm(ctx);
  if (!posted) return;
  const { flow, fields } = posted;
  const user = currentUser(ctx, flow);
  if (!user) return;
  const organizationId = text(fields, "organization_id");
  if (!ctx.app.store.membership(user.id, organizationId)) {
    const error = organizationId ? `You are not a member of "${organizationId}". Choose one of your organizations.` : "Choose an organization.";
    ctx.note(error);
    showOrganizationPicker(ctx, flow, user, error);
    return;
  }
  complete(ctx, flow, user, organizationId);
}

export const organizationRoutes: Route[] = [
  { method: "GET", path: "/organization-selection", kind: "page", handle: show },
  { method: "POST", path: "/organization-selection", kind: "page", handle: choose },
];
