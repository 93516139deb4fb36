import { StartAuthFlow } from "../auth/start-auth-flow";

/**
 * `/sign-in`: the sign-in endpoint registered in the WorkOS dashboard. WorkOS sends people here
 * when a sign-in starts outside the app (a bookmarked hosted page, an invitation, a password
 * reset), so the PKCE flow can begin in this browser. Forwards `login_hint`, `organization_id`,
 * `invitation_token` and a validated `returnTo`.
 */
export default function SignInPage() {
  return <StartAuthFlow mode="sign-in" />;
}
