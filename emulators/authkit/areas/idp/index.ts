import type { Area } from "../../http/routes.ts";
import { idpSignIn, showIdpSignIn } from "./sign-in.ts";

/** The Local IdP: stands in for an organization's identity provider behind its SSO connection. */
export const idpArea: Area = {
  name: "local IdP",
  register(r) {
    r.page("GET", "/local-idp/:connectionId", showIdpSignIn);
    r.page("POST", "/local-idp/:connectionId", idpSignIn);
  },
};
