/**
 * What the errors WorkOS sends to the redirect URI instead of a code mean to the person who was
 * signing in, and what they can do next. authkit-js ignores these callbacks (it only handles a
 * `code`), so `/callback` reads them itself. Codes from WorkOS's authorization and SSO docs;
 * anything else is shown as WorkOS sent it.
 */
export type NextStep =
  /** Start the same sign-in again. */
  | "try-again"
  /** The hosted sign-in (email and password, a code), not SSO. */
  | "normal-sign-in"
  /** Sign in with SSO from a work email. */
  | "sso-sign-in";

export type CallbackErrorExplanation = {
  title: string;
  /** What happened and what to do, in sentences. */
  explanation: string;
  /** The links to offer, the first one first. */
  next: NextStep[];
};

const ASK_IT = "If you think it should work, ask your IT admin.";

export function explainCallbackError(code: string): CallbackErrorExplanation {
  switch (code) {
    case "organization_invalid":
      return {
        title: "Your organization can't sign you in with SSO",
        explanation: `Its single sign-on is not set up or not turned on yet. Use your normal sign-in for now. ${ASK_IT}`,
        next: ["normal-sign-in", "try-again"],
      };
    case "connection_invalid":
      return {
        title: "This SSO connection is not active",
        explanation: `The identity provider your organization signs in with is switched off or not finished being set up. Use your normal sign-in for now. ${ASK_IT}`,
        next: ["normal-sign-in", "try-again"],
      };
    case "profile_not_allowed_outside_organization":
      return {
        title: "That account doesn't belong to this organization",
        explanation:
          "Your identity provider signed you in with an email outside the organization's domains, so the organization does not accept it. Sign in again with your work email, or ask your IT admin to add your email's domain to the organization.",
        next: ["sso-sign-in", "normal-sign-in"],
      };
    case "sso_required":
      return {
        title: "Your organization requires SSO",
        explanation: "Sign in through your organization's identity provider: choose Sign in with SSO and type your work email.",
        next: ["sso-sign-in"],
      };
    case "access_denied":
      return {
        title: "Sign-in was cancelled",
        explanation: "You, or your identity provider, stopped the sign-in before it finished. Nothing was changed: you can start again.",
        next: ["try-again", "normal-sign-in"],
      };
    case "invalid_connection_selector":
    case "invalid_request":
      return {
        title: "This sign-in request was not valid",
        explanation: "The app asked WorkOS for a sign-in it cannot start. Start again from this app; if it happens again, tell the app's administrator.",
        next: ["try-again"],
      };
    default:
      return { title: "Sign-in was not completed", explanation: "WorkOS could not sign you in.", next: ["try-again"] };
  }
}
