import type { RoleRecord } from "./roles.ts";

/**
 * The environment's permissions: every slug its roles grant, in the order the roles name them.
 * The seed declares roles with permission slugs only, so a permission's other fields are derived
 * (id `perm_<slug>`, name = slug, no description).
 */
export function permissionsOf(roles: readonly RoleRecord[]): { id: string; slug: string }[] {
  const slugs = [...new Set(roles.flatMap((r) => r.permissions))];
  return slugs.map((slug) => ({ id: `perm_${slug}`, slug }));
}

const EPOCH = new Date(0).toISOString();

/** The WorkOS `permission` object (`GET /authorization/permissions`). */
export function permissionResponse(p: { id: string; slug: string }) {
  return {
    object: "permission" as const,
    id: p.id,
    slug: p.slug,
    name: p.slug,
    description: null,
    system: false,
    resource_type_slug: "organization",
    created_at: EPOCH,
    updated_at: EPOCH,
  };
}
