import type { Area } from "../../http/routes.ts";
import { createMembership, deactivate, deleteMembership, getMembership, listMemberships, reactivate, updateMembership } from "./memberships.ts";

const BASE = "/user_management/organization_memberships";

export const membershipsArea: Area = {
  name: "memberships",
  register(r) {
    r.api("GET", BASE, listMemberships);
    r.api("POST", BASE, createMembership);
    r.api("GET", `${BASE}/:id`, getMembership);
    r.api("PUT", `${BASE}/:id`, updateMembership);
    r.api("DELETE", `${BASE}/:id`, deleteMembership);
    r.api("PUT", `${BASE}/:id/deactivate`, deactivate);
    r.api("PUT", `${BASE}/:id/reactivate`, reactivate);
  },
};
