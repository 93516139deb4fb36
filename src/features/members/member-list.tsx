import { useQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";
import { Skeleton } from "../../components/skeleton";
import { MemberRoleSelect } from "./member-role-select";
import { memberName, STATUS_LABELS } from "./member-name";
import { RemoveMemberButton } from "./remove-member-button";

type Props = {
  /** The roles a manager may give; null for someone who may only look (no `members:manage`). */
  roles: readonly string[] | null;
  organizationName: string;
};

/**
 * Who is in the organization: name, email, role and status, live from Convex's mirror of WorkOS
 * (a change made anywhere — this tab, another, the WorkOS dashboard — shows here). Managers also
 * get each member's role control and Remove; a membership a directory manages is changed there.
 */
export function MemberList({ roles, organizationName }: Props) {
  const members = useQuery(api.members.list, {});
  const manage = roles !== null;
  const columns = ["Name", "Email", "Role", "Status", ...(manage ? ["Actions"] : [])];

  if (members !== undefined && members.length === 0) {
    return (
      <p className="empty">
        No members to show yet. They appear once WorkOS has told Convex about them (its webhook, or{" "}
        <code>npx convex run workos/backfill:run</code>).
      </p>
    );
  }
  const fromDirectory = members?.some((m) => m.directoryManaged) ?? false;
  return (
    <>
      {fromDirectory && (
        <p className="muted" id="directory-note">
          Members marked <span className="badge">Directory</span> come from your organization&apos;s directory (Directory Sync). Their role
          comes from the directory&apos;s groups: each group your IT admin maps to a role gives it (the highest one when several apply,
          the default role when none does), so their role follows their groups in your identity provider and cannot be changed here.
          Removing or deactivating them there ends their access, and their sessions in this organization, at once.
        </p>
      )}
      <table className="member-table" aria-labelledby="members-title" aria-busy={members === undefined || undefined}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {members === undefined
            ? [0, 1].map((key) => (
                <tr key={key}>
                  {columns.map((column) => (
                    <td key={column}>
                      <Skeleton width="8ch" />
                    </td>
                  ))}
                </tr>
              ))
            : members.map((member) => {
                const locked = member.directoryManaged;
                return (
                  <tr key={member.membershipId}>
                    <th scope="row" data-label="Name">
                      {memberName(member)}
                      {member.isYou && <span className="muted"> (you)</span>}
                      {locked && (
                        <>
                          {" "}
                          <span className="badge" aria-describedby="directory-note">
                            Directory
                          </span>
                        </>
                      )}
                    </th>
                    <td data-label="Email">{member.email ?? <span className="muted">Unknown</span>}</td>
                    <td data-label="Role">
                      {manage && !locked ? (
                        <MemberRoleSelect member={member} roles={roles} />
                      ) : (
                        <span className="badge" aria-describedby={locked ? "directory-note" : undefined}>
                          {member.role}
                        </span>
                      )}
                    </td>
                    <td data-label="Status">{STATUS_LABELS[member.status]}</td>
                    {manage && (
                      <td data-label="Actions">
                        {locked ? (
                          <span className="muted">Managed by your directory</span>
                        ) : (
                          <RemoveMemberButton member={member} organizationName={organizationName} />
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
        </tbody>
      </table>
    </>
  );
}
