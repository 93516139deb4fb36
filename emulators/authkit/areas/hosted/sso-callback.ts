import type { Ctx } from "../../http/context.ts";
import { note } from "../../http/context.ts";
import { HttpError } from "../../http/errors.ts";
import { redirect } from "../../http/respond.ts";
import { connectionAllowsEmail } from "../../provisioning/connections.ts";
import { findMembership } from "../../provisioning/memberships.ts";
import { provisionSsoUser } from "../../provisioning/sso-users.ts";
import { errorRedirect } from "../../sign-in/error-redirect.ts";
import { complete } from "../../sign-in/finish.ts";
import { flowForPage, fromStartingBrowser, stepUrl } from "../../sign-in/forms.ts";
import { acceptFlowInvitation, flowInvitation, invitationEmailProblem } from "../../sign-in/invitation.ts";

/**
 * GET /sso/callback: AuthKit's side of an SSO sign-in, where the identity provider returns. The
 * asserted identity must be within the connection's domains (otherwise WorkOS's
 * `profile_not_allowed_outside_organization` goes back to the app); the user is provisioned on
 * first sign-in and the code's session is the connection's organization, signed in by SSO. There
 * is no email verification or organization choice: the IdP vouches for the email, and the
 * connection decides the organization.
 */
export function ssoCallback(c: Ctx): Response {
  const opened = flowForPage(c);
  if (!opened.flow) return opened.response;
  const { flow } = opened;
  const { store, flows } = c.var.app;
  if (!fromStartingBrowser(c, flow)) {
    throw new HttpError(403, "csrf_check_failed", "This sign-in was started in another browser. Start signing in again from the app.");
  }
  const connection = flow.connectionId ? store.connections.get(flow.connectionId) : undefined;
  const identity = flow.ssoIdentity;
  if (flow.step !== "sso" || !identity || !connection) return redirect(c, stepUrl("/sign-in", flow));
  if (connection.state !== "active") {
    flows.abandon(flow);
    return errorRedirect(c, flow, "connection_invalid", `Connection ${connection.id} is ${connection.state}: it was deactivated during the sign-in.`);
  }
  if (!connectionAllowsEmail(store, connection, identity.email)) {
    flows.abandon(flow);
    const org = store.organization(connection.organization_id);
    return errorRedirect(
      c,
      flow,
      "profile_not_allowed_outside_organization",
      `${identity.email} is not in a domain of ${org?.name ?? connection.organization_id}: the connection ${connection.name} accepts only its organization's domains.`,
    );
  }
  // Checked before provisioning: an invitation for another email must not leave a user behind.
  const mismatch = invitationEmailProblem(c, flow, identity.email);
  if (mismatch) throw new HttpError(400, "invitation_cannot_be_used_for_email", mismatch);
  // A deactivated member stays out: SSO does not undo an admin's deactivation.
  const existingUser = store.userByEmail(identity.email);
  const existing = existingUser && findMembership(store, existingUser.id, connection.organization_id);
  if (existing?.status === "inactive") {
    throw new HttpError(403, "organization_membership_inactive", `${identity.email}'s membership of ${store.organization(connection.organization_id)?.name ?? connection.organization_id} is deactivated: an admin must reactivate it.`);
  }
  // A membership the invitation names is made with the invitation's role, not the default.
  const invitation = flowInvitation(c, flow);
  const invitedRole = invitation?.organization_id === connection.organization_id ? (invitation.role_slug ?? undefined) : undefined;
  const provisioned = provisionSsoUser(store, connection, identity, invitedRole);
  note(c, `SSO profile ${provisioned.profile.id} is ${provisioned.user.id}`);
  const user = acceptFlowInvitation(c, flow, provisioned.user);
  flow.authenticationMethod = "SSO";
  return complete(c, flow, user, connection.organization_id);
}
