import { defineCollection } from "./collection.ts";

export interface OrganizationRecord {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export const organizations = defineCollection<OrganizationRecord>()({
  name: "organizations",
  key: (org) => org.id,
  indexes: {},
});
