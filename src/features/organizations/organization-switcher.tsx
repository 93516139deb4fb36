import { useAuth } from "@workos-inc/authkit-react";
import { useQuery } from "convex/react";
import { useId, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { api } from "../../../convex/_generated/api";
import { errorMessage } from "../../components/error-message";
import { Skeleton } from "../../components/skeleton";
import { organizationLabel, useNameGrace } from "./organization-name";

const CREATE_PATH = "/app/organizations/new";

/**
 * The current organization and role, and a switch between the organizations this user has used
 * here. WorkOS has no browser API to list a user's memberships (authkit-react#43), so the list is
 * what Convex has seen in this user's tokens; "Another organization…" goes through the hosted
 * organization picker; "Create organization…" opens the page that creates one. Options show the names Convex fetched from WorkOS; until Convex has
 * answered, or while the current organization's name may still come, a placeholder stands where
 * the control will be, so the header never shows an id that turns into a name a moment later.
 * Switching refreshes the session for the new organization, and the token
 * hand-off makes Convex re-authenticate with it.
 */
export function OrganizationSwitcher() {
  const { organizationId, role, switchToOrganization, signIn, user } = useAuth();
  const me = useQuery(api.users.me, {});
  const location = useLocation();
  const navigate = useNavigate();
  const selectId = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const waiting = useNameGrace(organizationId);

  const known = me?.user?.organizationIds ?? [];
  const options = organizationId !== null && !known.includes(organizationId) ? [organizationId, ...known] : known;

  const badge = role !== null && (
    <span className="badge" aria-label={`Role: ${role}`}>
      {role}
    </span>
  );
  if (me === undefined || (organizationId !== null && organizationLabel(organizationId, me.organizations, waiting) === null)) {
    return (
      <div className="org-switcher" aria-busy="true">
        <Skeleton width="8rem" height="2.25rem" className="skeleton-control" />
        {badge}
      </div>
    );
  }
  if (organizationId === null && options.length === 0) {
    return (
      <p className="org-summary">
        <span>No organization</span>
        {/* A phone's header has no room for it; the home page offers the same form. */}
        <span className="org-create">
          {" · "}
          <Link to={CREATE_PATH}>Create one</Link>
        </span>
      </p>
    );
  }

  async function choose(value: string) {
    setError(null);
    if (value === "__create__") {
      navigate(CREATE_PATH);
      return;
    }
    if (value === "__other__") {
      // The hint fills in the email on the hosted page: the user is choosing an organization, not an account.
      await signIn({
        ...(user && { loginHint: user.email }),
        state: { returnTo: location.pathname + location.search + location.hash },
      });
      return;
    }
    setPending(true);
    try {
      await switchToOrganization({ organizationId: value });
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="org-switcher">
      {/* Named for screen readers; sighted users read it from the options (a header row has no room for a label). */}
      <label htmlFor={selectId} className="visually-hidden">
        Organization
      </label>
      <select
        id={selectId}
        value={organizationId ?? ""}
        disabled={pending}
        onChange={(event) => void choose(event.target.value)}
      >
        {organizationId === null && <option value="">None</option>}
        {options.map((id) => (
          <option key={id} value={id}>
            {organizationLabel(id, me.organizations) ?? id}
          </option>
        ))}
        <option value="__other__">Another organization…</option>
        <option value="__create__">Create organization…</option>
      </select>
      {badge}
      {pending && <span role="status">Switching…</span>}
      {error !== null && (
        <span role="alert" className="status-error">
          {error}
        </span>
      )}
    </div>
  );
}
