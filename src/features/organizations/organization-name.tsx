import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../convex/_generated/api";

/** What `users.me` knows about the caller's organizations: each id with its name, null while unknown. */
export type KnownOrganizations = FunctionReturnType<typeof api.users.me>["organizations"];

/**
 * The name people know an organization by. Tokens carry only the id; Convex fetches the name
 * from WorkOS after sign-in, so until then (or without an API key on the server) the id stands in.
 */
export function organizationLabel(id: string, organizations: KnownOrganizations | undefined): string {
  return organizations?.find((org) => org.id === id)?.name ?? id;
}

/** The organization's name, or its id set as code when the name is not known. */
export function OrganizationName({ id, organizations }: { id: string; organizations: KnownOrganizations | undefined }) {
  const label = organizationLabel(id, organizations);
  return label === id ? <code>{id}</code> : <>{label}</>;
}
