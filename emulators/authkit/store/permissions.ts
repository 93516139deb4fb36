import { defineCollection } from "./collection.ts";

export interface PermissionRecord {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
}

/** The environment's permissions (from the seed: declared, or every slug its roles name). */
export const permissions = defineCollection<PermissionRecord>()({
  name: "permissions",
  key: (p) => p.slug,
  indexes: {},
});

/** The WorkOS `permission` object (`GET /authorization/permissions`). */
export function permissionResponse(p: PermissionRecord) {
  return {
    object: "permission" as const,
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    system: false,
    resource_type_slug: "organization",
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}
