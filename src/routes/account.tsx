import { useAuth } from "@workos-inc/authkit-react";
import { useQuery } from "convex/react";
import type { ReactNode } from "react";
import { api } from "../../convex/_generated/api";
import { useAccessTokenExpiry } from "../auth/use-access-token-expiry";
import { PageBodySkeleton } from "../components/page-skeleton";
import { LoadingAnnouncement, Skeleton } from "../components/skeleton";
import { OrganizationName } from "../features/organizations/organization-name";
import { SessionConnection } from "../features/sso/session-connection";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function none(text = "None") {
  return <span className="muted">{text}</span>;
}

function list(values: readonly string[] | null) {
  return values && values.length > 0 ? values.join(", ") : none();
}

/**
 * `/app/account`: who you are and what your session carries — as AuthKit holds it in the browser,
 * and as Convex verified it from the token.
 */
export default function AccountPage() {
  const { user, organizationId, role, roles, permissions, authenticationMethod, impersonator } = useAuth();
  const expiry = useAccessTokenExpiry();
  const me = useQuery(api.users.me, {});

  if (user === null) return <PageBodySkeleton />;
  const name = [user.firstName, user.lastName].filter(Boolean).join(" ");

  return (
    <main id="main" tabIndex={-1} className="page">
      {me === undefined && <LoadingAnnouncement />}
      <h1>Your account</h1>
      {impersonator !== null && (
        <p role="status" className="card status-info">
          You are being impersonated by {impersonator.email}
          {impersonator.reason ? ` (${impersonator.reason})` : ""}.
        </p>
      )}
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">Profile</h2>
        <dl className="facts">
          <Row term="Email">
            {user.email} {user.emailVerified ? "(verified)" : "(not verified)"}
          </Row>
          <Row term="Name">{name || none("Not set")}</Row>
          <Row term="User ID">
            <code>{user.id}</code>
          </Row>
        </dl>
      </section>
      <section className="card" aria-labelledby="session-title">
        <h2 id="session-title">Session</h2>
        <dl className="facts">
          <Row term="Organization">
            {organizationId ? <OrganizationName id={organizationId} organizations={me?.organizations} /> : none()}
          </Row>
          <Row term="Role">{role ?? none()}</Row>
          {roles !== null && roles.length > 1 && <Row term="Roles">{list(roles)}</Row>}
          <Row term="Permissions">{list(permissions)}</Row>
          <Row term="Authentication method">
            {authenticationMethod === "SSO" ? "SSO (single sign-on)" : (authenticationMethod ?? none("Not reported for this session"))}
          </Row>
          {authenticationMethod === "SSO" && organizationId && (
            <Row term="SSO connection">
              <SessionConnection organizationId={organizationId} />
            </Row>
          )}
          <Row term="Access token expires">
            {expiry.status === "loading" ? (
              <Skeleton width="16ch" />
            ) : expiry.status === "ok" ? (
              `${timeFormat.format(expiry.expiresAt)} (renewed automatically)`
            ) : (
              `Unknown: ${expiry.message}`
            )}
          </Row>
        </dl>
      </section>
      <section className="card" aria-labelledby="convex-title">
        <h2 id="convex-title">What Convex verified</h2>
        {me === undefined ? (
          <dl className="facts" aria-busy="true">
            {["Subject", "Issuer", "Organization", "Role", "Permissions"].map((term) => (
              <Row key={term} term={term}>
                <Skeleton width="12ch" />
              </Row>
            ))}
          </dl>
        ) : (
          <dl className="facts">
            <Row term="Subject">
              <code>{me.subject}</code>
            </Row>
            <Row term="Issuer">
              <code>{me.issuer}</code>
            </Row>
            <Row term="Organization">
              {me.orgId ? <OrganizationName id={me.orgId} organizations={me.organizations} /> : none()}
            </Row>
            <Row term="Role">{me.role ?? none()}</Row>
            <Row term="Permissions">{list(me.permissions)}</Row>
          </dl>
        )}
      </section>
    </main>
  );
}
