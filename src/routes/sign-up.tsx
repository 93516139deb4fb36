import { StartAuthFlow } from "../auth/StartAuthFlow";

/** `/sign-up`: like `/sign-in`, opening the hosted page on its sign-up screen. */
export default function SignUpPage() {
  return <StartAuthFlow mode="sign-up" />;
}
