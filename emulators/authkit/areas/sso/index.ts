import type { Area } from "../../http/routes.ts";
import { getConnection, listConnections, removeConnection } from "./connections.ts";
import { createConnectionRoute, updateConnectionRoute } from "./test-api.ts";

/** WorkOS's SSO API (connections), and the test API that makes and switches them. */
export const ssoArea: Area = {
  name: "sso",
  register(r) {
    r.api("GET", "/connections", listConnections);
    r.api("GET", "/connections/:id", getConnection);
    r.api("DELETE", "/connections/:id", removeConnection);
    r.test("POST", "/_local/connections", createConnectionRoute);
    r.test("PUT", "/_local/connections/:id", updateConnectionRoute);
  },
};
