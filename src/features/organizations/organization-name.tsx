import type { FunctionReturnType } from "convex/server";
import { useEffect, useState } from "react";
import type { api } from "../../../convex/_generated/api";
import { Skeleton } from "../../components/skeleton";

/** What `users.me` knows about the caller's organizations: each id with its name, null while unknown. */
export type KnownOrganizations = FunctionReturnType<typeof api.users.me>["organizations"];

/**
 * How long an organization without a name is taken to be one whose name is on its way. Convex
 * asks WorkOS for it at sign-in (users.store), so on a first visit `users.me` answers before the
 * name does; past this, no name is coming (no WORKOS_API_KEY, a failed fetch) and the id stands in.
 */
export const NAME_GRACE_MS = 3000;

/** True from the moment `id` is the organization shown until NAME_GRACE_MS later. */
export function useNameGrace(id: string | null, graceMs = NAME_GRACE_MS): boolean {
  const [expiredFor, setExpiredFor] = useState<string | null>(null);
  useEffect(() => {
    if (id === null) return;
    const timer = setTimeout(() => setExpiredFor(id), graceMs);
    return () => clearTimeout(timer);
  }, [id, graceMs]);
  return id !== null && expiredFor !== id;
}

/**
 * The name people know an organization by. Tokens carry only the id; Convex fetches the name
 * from WorkOS after sign-in. `null` while it may still come (Convex has not answered, or the name
 * is within its grace), so a placeholder shows there instead of an id that is about to change;
 * the id once no name is coming.
 */
export function organizationLabel(id: string, organizations: KnownOrganizations | undefined, waiting = false): string | null {
  if (organizations === undefined) return null;
  const name = organizations.find((org) => org.id === id)?.name ?? null;
  return name ?? (waiting ? null : id);
}

/** The organization's name; a placeholder while it may still come; its id, set as code, when it will not. */
export function OrganizationName({ id, organizations }: { id: string; organizations: KnownOrganizations | undefined }) {
  const waiting = useNameGrace(id);
  const label = organizationLabel(id, organizations, waiting);
  if (label === null) {
    return (
      <span aria-busy="true">
        <Skeleton width="8ch" />
      </span>
    );
  }
  return label === id ? <code>{id}</code> : <>{label}</>;
}
