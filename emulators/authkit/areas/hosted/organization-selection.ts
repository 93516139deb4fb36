import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { redirect } from "../../http/respond.ts";
import { complete, showOrganizationPicker } from "../../sign-in/finish.ts";
import type { PendingAuthorization } from "../../sign-in/flows.ts";
import { flowForForm, flowForPage, stepUrl, text } from "../../sign-in/forms.ts";

function currentUser(c: Ctx, flow: PendingAuthorization) {
  return flow.step === "choose-organization" && flow.userId ? c.var.app.store.user(flow.userId) : undefined;
}

const backToSignIn = (c: Ctx, flow: PendingAuthorization) => redirect(c, stepUrl("/sign-in", flow), 303);

export function showOrganizationSelection(c: Ctx): Response {
  const page = flowForPage(c);
  if (!page.flow) return page.response;
  const user = currentUser(c, page.flow);
  return user ? showOrganizationPicker(c, page.flow, user) : backToSignIn(c, page.flow);
}

export async function chooseOrganization(c: Ctx): Promise<Response> {
  const posted = await flowForForm(c);
  if (!posted.flow) return posted.response;
  const { flow, fields } = posted;
  const user = currentUser(c, flow);
  if (!user) return backToSignIn(c, flow);
  const organizationId = text(fields, "organization_id");
  if (!c.var.app.store.membership(user.id, organizationId)) {
    const error = organizationId ? `You are not a member of "${organizationId}". Choose one of your organizations.` : "Choose an organization.";
    note(c, error);
    return showOrganizationPicker(c, flow, user, error);
  }
  return complete(c, flow, user, organizationId);
}
