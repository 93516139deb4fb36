import { httpRouter } from "convex/server";
import { workosWebhook } from "./workos/webhook";

const http = httpRouter();

// WorkOS → Convex: the mirror of organizations, memberships, invitations, users and roles.
http.route({ path: "/workos/webhook", method: "POST", handler: workosWebhook });

export default http;
