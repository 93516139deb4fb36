import { useAuth } from "@workos-inc/authkit-react";
import { useQuery } from "convex/react";
import { Link } from "react-router-dom";
import { api } from "../../convex/_generated/api";
import { ErrorBoundary } from "../components/error-boundary";
import { errorMessage } from "../components/error-message";
import { InlineStatus } from "../components/inline-status";
import { LoadingAnnouncement } from "../components/skeleton";
import { InviteMemberForm } from "../features/invitations/invite-member-form";
import { PendingInvitations } from "../features/invitations/pending-invitations";
import { MemberList } from "../features/members/member-list";
import { organizationLabel } from "../features/organizations/organization-name";
import "../features/members/members.css";

function Refused({ error }: { error: unknown }) {
  return <InlineStatus kind="error">{errorMessage(error)}</InlineStatus>;
}

/** The invite form and pending invitations, once the organization's roles are known. */
function ManageInvitations() {
  const roles = useQuery(api.members.roles, {});
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite member</h2>
      {roles === undefined ? <LoadingAnnouncement /> : <InviteMemberForm roles={roles} />}
      <h3>Pending invitations</h3>
      <PendingInvitations />
    </section>
  );
}

function ManagedMemberList({ organizationName }: { organizationName: string }) {
  const roles = useQuery(api.members.roles, {});
  return <MemberList roles={roles ?? []} organizationName={organizationName} />;
}

/**
 * `/app/members`: who is in the organization, for every member. Those whose role has
 * `members:manage` (as Convex has it now, so a role change shows at once) also invite people,
 * change roles and remove members; Convex checks the permission again on each of these.
 */
export default function MembersPage() {
  const { organizationId } = useAuth();
  const me = useQuery(api.users.me, {});

  if (organizationId === null) {
    return (
      <main id="main" tabIndex={-1} className="page page-narrow">
        <h1>Members</h1>
        <p>Members belong to an organization, and you are not signed in to one.</p>
        <p>
          <Link to="/app/organizations/new">Create an organization</Link> or choose one in the organization menu.
        </p>
      </main>
    );
  }
  const organizationName = organizationLabel(organizationId, me?.organizations) ?? "this organization";
  const canManage = me?.permissions.includes("members:manage") ?? false;

  return (
    <main id="main" tabIndex={-1} className="page">
      {me === undefined && <LoadingAnnouncement />}
      <h1 id="members-title">Members</h1>
      {/* A manager who loses the permission mid-page gets the reader's view, not an error. */}
      <ErrorBoundary label="The member list" resetKey={`${organizationId}:${canManage}`} fallback={(error) => <Refused error={error} />}>
        {canManage ? <ManagedMemberList organizationName={organizationName} /> : <MemberList roles={null} organizationName={organizationName} />}
      </ErrorBoundary>
      {canManage && (
        <ErrorBoundary label="Invitations" resetKey={`${organizationId}:${canManage}`} fallback={(error) => <Refused error={error} />}>
          <ManageInvitations />
        </ErrorBoundary>
      )}
    </main>
  );
}
