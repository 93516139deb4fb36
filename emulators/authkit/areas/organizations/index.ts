import type { Area } from "../../http/routes.ts";
import { getOrganization } from "./organizations.ts";

export const organizationsArea: Area = {
  name: "organizations",
  register(r) {
    r.api("GET", "/organizations/:id", getOrganization);
  },
};
