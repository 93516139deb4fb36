import { StartAuthFlow } from "../auth/start-auth-flow";

/** `/sign-up`: like `/sign-in`, opening the hosted page on its sign-up screen. */
export default function SignUpPage() {
  return <StartAuthFlow mode="sign-up" />;
}
