import type { Area } from "../../http/routes.ts";
import { createRole, getEnvironmentRole, getOrganizationRole, getPermission, listEnvironmentRoles, listOrganizationRoles, listPermissions } from "./roles.ts";

export const rolesArea: Area = {
  name: "roles",
  register(r) {
    r.api("GET", "/authorization/roles", listEnvironmentRoles);
    r.api("GET", "/authorization/roles/:slug", getEnvironmentRole);
    r.api("GET", "/authorization/permissions", listPermissions);
    r.api("GET", "/authorization/permissions/:slug", getPermission);
    r.api("GET", "/organizations/:id/roles", listOrganizationRoles);
    r.api("GET", "/authorization/organizations/:id/roles", listOrganizationRoles);
    r.api("GET", "/authorization/organizations/:id/roles/:slug", getOrganizationRole);
    r.test("POST", "/_local/roles", createRole);
  },
};
