import type { PortalPageContext } from "../../pages/portal.ts";
import type { PortalSession } from "./session.ts";

export function pageContext(session: PortalSession): PortalPageContext {
  return {
    organizationName: session.organization.name,
    csrfToken: session.link.csrf_token ?? "",
    returnUrl: session.link.return_url,
    successUrl: session.link.success_url,
  };
}
