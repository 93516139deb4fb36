import { defineCollection } from "./collection.ts";

export interface RoleRecord {
  slug: string;
  name: string;
  permissions: string[];
}

export const roles = defineCollection<RoleRecord>()({
  name: "roles",
  key: (role) => role.slug,
  indexes: {},
});
