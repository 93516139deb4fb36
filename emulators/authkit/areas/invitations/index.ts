import type { Area } from "../../http/routes.ts";
import { acceptInvitationRoute, resendInvitation, revokeInvitation } from "./lifecycle.ts";
import { findInvitationByToken, getInvitation, listInvitations } from "./read.ts";
import { sendInvitation } from "./send.ts";
import { invitationsFor } from "./test-api.ts";

/** User Management invitations (server API, behind the API key), and the test API's view of the "sent" links. */
export const invitationsArea: Area = {
  name: "invitations",
  register(r) {
    r.api("POST", "/user_management/invitations", sendInvitation);
    r.api("GET", "/user_management/invitations", listInvitations);
    r.api("GET", "/user_management/invitations/by_token/:token", findInvitationByToken);
    r.api("GET", "/user_management/invitations/:id", getInvitation);
    r.api("POST", "/user_management/invitations/:id/accept", acceptInvitationRoute);
    r.api("POST", "/user_management/invitations/:id/revoke", revokeInvitation);
    r.api("POST", "/user_management/invitations/:id/resend", resendInvitation);
    r.test("GET", "/_local/invitations", invitationsFor);
  },
};
