import type { Area } from "../../http/routes.ts";
import { magicAuth, showMagicAuth } from "./magic-auth.ts";
import { chooseOrganization, showOrganizationSelection } from "./organization-selection.ts";
import { resetPassword, showResetPassword } from "./reset-password.ts";
import { showSignIn, showSignUp, signIn, signUp } from "./sign-in.ts";
import { ssoCallback } from "./sso-callback.ts";
import { showVerifyEmail, verifyEmail } from "./verify-email.ts";

/** AuthKit's hosted pages: the steps of a sign-in between authorize and the code. */
export const hostedArea: Area = {
  name: "hosted pages",
  register(r) {
    r.page("GET", "/sign-in", showSignIn);
    r.page("POST", "/sign-in", signIn);
    r.page("GET", "/sign-up", showSignUp);
    r.page("POST", "/sign-up", signUp);
    r.page("GET", "/magic-auth", showMagicAuth);
    r.page("POST", "/magic-auth", magicAuth);
    r.page("GET", "/email-verification", showVerifyEmail);
    r.page("POST", "/email-verification", verifyEmail);
    r.page("GET", "/reset-password", showResetPassword);
    r.page("POST", "/reset-password", resetPassword);
    r.page("GET", "/organization-selection", showOrganizationSelection);
    r.page("POST", "/organization-selection", chooseOrganization);
    r.page("GET", "/sso/callback", ssoCallback);
  },
};
