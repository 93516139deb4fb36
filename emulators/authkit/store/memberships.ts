import { defineCollection } from "./collection.ts";

export interface MembershipRecord {
  id: string;
  user_id: string;
  organization_id: string;
  /** A role slug from `roles`. */
  role: string;
  created_at: string;
  updated_at: string;
}

export const memberships = defineCollection<MembershipRecord>()({
  name: "memberships",
  key: (m) => m.id,
  indexes: {
    user_id: { of: (m) => m.user_id },
    organization_id: { of: (m) => m.organization_id },
  },
});
