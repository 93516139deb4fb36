import { useAuth } from "@workos-inc/authkit-react";
import { useQuery } from "convex/react";
import { useEffect } from "react";
import { Link } from "react-router-dom";
import { api } from "../../convex/_generated/api";
import { ErrorBoundary } from "../components/error-boundary";
import { errorMessage } from "../components/error-message";
import { InlineStatus } from "../components/inline-status";
import { LoadingAnnouncement } from "../components/skeleton";
import type { Navigate } from "../features/organization-settings/portal-button";
import { SettingsSections } from "../features/organization-settings/settings-sections";
import { organizationLabel } from "../features/organizations/organization-name";
import { useConvexAction } from "../lib/use-convex-action";
import "../features/organization-settings/organization-settings.css";

function Settings({ navigate }: { navigate?: Navigate }) {
  const settings = useQuery(api.organizationSettings.get, {});
  const refresh = useConvexAction(api.organizationSettings.refresh);
  useEffect(() => {
    // What was set up before this deployment had webhooks; they keep it current from then on.
    refresh({}).catch((error: unknown) => console.warn(`Organization settings not refreshed from WorkOS: ${errorMessage(error)}`));
  }, [refresh]);
  if (settings === undefined) return <LoadingAnnouncement />;
  return <SettingsSections settings={settings} navigate={navigate} />;
}

/**
 * `/app/organization`: the organization's domains, SSO and Directory Sync, for holders of
 * `members:manage`, with the WorkOS Admin Portal buttons that set them up. The portal sends the
 * admin back here, and the page shows what changed as WorkOS's webhooks arrive.
 */
export default function OrganizationSettingsPage({ navigate }: { navigate?: Navigate }) {
  const { organizationId } = useAuth();
  const me = useQuery(api.users.me, {});
  const organizationName = (organizationId !== null && organizationLabel(organizationId, me?.organizations)) || "this organization";
  const canManage = me?.permissions.includes("members:manage") ?? false;

  return (
    <main id="main" tabIndex={-1} className="page">
      <h1>Organization settings</h1>
      {organizationId === null ? (
        <p>
          Settings belong to an organization, and you are not signed in to one. <Link to="/app/organizations/new">Create an organization</Link> or
          choose one in the organization menu.
        </p>
      ) : me === undefined ? (
        <LoadingAnnouncement />
      ) : !canManage ? (
        <p>Only the admins of {organizationName} (people whose role includes managing members) see its settings.</p>
      ) : (
        <>
          <p className="muted">
            Set up how people of {organizationName} sign in and join. Each button opens the WorkOS Admin Portal; when you are done
            there, it brings you back here.
          </p>
          <ErrorBoundary label="Organization settings" resetKey={organizationId} fallback={(error) => <InlineStatus kind="error">{errorMessage(error)}</InlineStatus>}>
            <Settings navigate={navigate} />
          </ErrorBoundary>
        </>
      )}
    </main>
  );
}
