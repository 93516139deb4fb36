import { defineCollection } from "./collection.ts";

export interface RoleRecord {
  slug: string;
  name: string;
  /** Permission slugs. */
  permissions: string[];
  /** Set for an organization's own (custom) role; absent or null for an environment role. */
  organization_id?: string | null;
  /** Absent in a data.json written before it existed: `role_<slug>` is answered. */
  id?: string;
  description?: string | null;
  created_at?: string;
  updated_at?: string;
}

/** The store key of a role: its slug for an environment role, `<organization id>/<slug>` for an organization's own. */
export function roleKey(slug: string, organizationId?: string | null): string {
  return organizationId ? `${organizationId}/${slug}` : slug;
}

/** The roles in the order they were added, which is WorkOS's priority order (the seed's order). */
export const roles = defineCollection<RoleRecord>()({
  name: "roles",
  key: (role) => roleKey(role.slug, role.organization_id),
  indexes: {
    organization_id: { of: (role) => role.organization_id ?? null },
  },
});

const EPOCH = new Date(0).toISOString();

/** The WorkOS `role` object (`GET /authorization/roles`, `GET /organizations/<id>/roles`). */
export function roleResponse(role: RoleRecord) {
  return {
    object: "role" as const,
    id: role.id ?? `role_${role.slug}`,
    name: role.name,
    slug: role.slug,
    description: role.description ?? null,
    permissions: role.permissions,
    resource_type_slug: "organization",
    type: role.organization_id ? ("OrganizationRole" as const) : ("EnvironmentRole" as const),
    created_at: role.created_at ?? EPOCH,
    updated_at: role.updated_at ?? role.created_at ?? EPOCH,
  };
}
