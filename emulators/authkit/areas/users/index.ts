import type { Area } from "../../http/routes.ts";
import { listSessions, revokeSession } from "./sessions.ts";
import { deleteUser, getUser, getUserByExternalId, listUsers, updateUser } from "./users.ts";

export const usersArea: Area = {
  name: "users",
  register(r) {
    r.api("GET", "/user_management/users", listUsers);
    r.api("GET", "/user_management/users/external_id/:external_id", getUserByExternalId);
    r.api("GET", "/user_management/users/:id", getUser);
    r.api("GET", "/user_management/users/:id/sessions", listSessions);
    r.api("POST", "/user_management/sessions/revoke", revokeSession);
    r.api("PUT", "/user_management/users/:id", updateUser);
    r.api("DELETE", "/user_management/users/:id", deleteUser);
  },
};
