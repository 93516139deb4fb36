import { defineCollection } from "./collection.ts";

export type AuthenticationMethod = "Password";

export interface SessionRecord {
  id: string;
  user_id: string;
  organization_id: string | null;
  authentication_method: AuthenticationMethod;
  created_at: string;
  ended_at: string | null;
}

export const sessions = defineCollection<SessionRecord>()({
  name: "sessions",
  key: (session) => session.id,
  indexes: { user_id: { of: (session) => session.user_id } },
});
