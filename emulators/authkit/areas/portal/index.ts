import type { Area } from "../../http/routes.ts";
import { assignGroupRoleFromPortal, createDirectoryFromPortal, showDirectorySetup } from "./directory.ts";
import { addDomainFromPortal, showDomainSetup, verifyDomainFromPortal } from "./domains.ts";
import { generateLink } from "./generate-link.ts";
import { openLink } from "./session.ts";
import { activateConnectionFromPortal, createConnectionFromPortal, showSsoSetup } from "./sso.ts";

/** The Admin Portal: links for an organization's IT admin, and the local pages they open. */
export const portalArea: Area = {
  name: "portal",
  register(r) {
    r.api("POST", "/portal/generate_link", generateLink);
    r.page("GET", "/portal/setup/domains", showDomainSetup);
    r.page("POST", "/portal/setup/domains", addDomainFromPortal);
    r.page("POST", "/portal/setup/domains/verify", verifyDomainFromPortal);
    r.page("GET", "/portal/setup/directory", showDirectorySetup);
    r.page("POST", "/portal/setup/directory", createDirectoryFromPortal);
    r.page("POST", "/portal/setup/directory/roles", assignGroupRoleFromPortal);
    r.page("GET", "/portal/setup/sso", showSsoSetup);
    r.page("POST", "/portal/setup/sso", createConnectionFromPortal);
    r.page("POST", "/portal/setup/sso/activate", activateConnectionFromPortal);
    // Last: one path segment after /portal/, so it matches none of the pages above.
    r.page("GET", "/portal/:token", openLink);
  },
};
