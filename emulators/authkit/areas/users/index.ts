import type { Area } from "../../http/routes.ts";
import { deleteUser, getUser, getUserByExternalId, listUsers, updateUser } from "./users.ts";

export const usersArea: Area = {
  name: "users",
  register(r) {
    r.api("GET", "/user_management/users", listUsers);
    r.api("GET", "/user_management/users/external_id/:external_id", getUserByExternalId);
    r.api("GET", "/user_management/users/:id", getUser);
    r.api("PUT", "/user_management/users/:id", updateUser);
    r.api("DELETE", "/user_management/users/:id", deleteUser);
  },
};
