import type { Area } from "../../http/routes.ts";
import { authenticate } from "./authenticate.ts";
import { authorize, root } from "./authorize.ts";
import { logout } from "./logout.ts";

/** User Management's browser-facing endpoints: authorize, the code exchange and refresh, sign-out. */
export const userManagementArea: Area = {
  name: "user management",
  register(r) {
    r.page("GET", "/", root);
    r.page("GET", "/user_management/authorize", authorize);
    r.oauth("POST", "/user_management/authenticate", authenticate);
    r.page("GET", "/user_management/sessions/logout", logout);
  },
};
