import { useSearchParams } from "react-router-dom";
import { InvitationLanding } from "../features/invitations/invitation-landing";

/** `/invite`: where WorkOS's invitation emails link to (`?invitation_token=…`); open to the signed out. */
export default function InvitePage() {
  const [params] = useSearchParams();
  return <InvitationLanding token={params.get("invitation_token")} />;
}
