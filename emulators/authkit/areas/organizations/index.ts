import type { Area } from "../../http/routes.ts";
import { createDomain, deleteDomain, getDomain, verify } from "./domains.ts";
import { createOrganization, deleteOrganization, getOrganization, getOrganizationByExternalId, listOrganizations, updateOrganization } from "./organizations.ts";

export const organizationsArea: Area = {
  name: "organizations",
  register(r) {
    r.api("GET", "/organizations", listOrganizations);
    r.api("POST", "/organizations", createOrganization);
    r.api("GET", "/organizations/external_id/:external_id", getOrganizationByExternalId);
    r.api("GET", "/organizations/:id", getOrganization);
    r.api("PUT", "/organizations/:id", updateOrganization);
    r.api("DELETE", "/organizations/:id", deleteOrganization);
    r.api("POST", "/organization_domains", createDomain);
    r.api("GET", "/organization_domains/:id", getDomain);
    r.api("DELETE", "/organization_domains/:id", deleteDomain);
    r.api("POST", "/organization_domains/:id/verify", verify);
  },
};
