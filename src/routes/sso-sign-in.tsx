import { Link, useSearchParams } from "react-router-dom";
import { safeReturnTo } from "../auth/return-to";
import { SsoSignInForm } from "../features/sso/sso-sign-in-form";

/**
 * `/sign-in/sso`: sign in through your organization's identity provider, found from your work
 * email's domain. Open to the signed out; `returnTo` (validated) is where the sign-in lands.
 */
export default function SsoSignInPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get("returnTo"));
  return (
    <main id="main" tabIndex={-1} className="page page-narrow">
      <h1>Sign in with SSO</h1>
      <p>Type your work email: if your organization signs in with single sign-on, we take you to its sign-in page.</p>
      <SsoSignInForm returnTo={returnTo} />
      <p className="actions">
        <Link to="/sign-in">Sign in another way</Link>
        <Link to="/">Go to the home page</Link>
      </p>
    </main>
  );
}
