import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../convex/_generated/api";

/** One member as `members.list` returns it. */
export type Member = FunctionReturnType<typeof api.members.list>[number];

/** How a member is called on the page: their name, else their email, else their WorkOS id. */
export function memberName(member: Pick<Member, "name" | "email" | "userId">): string {
  return member.name ?? member.email ?? member.userId;
}

export const STATUS_LABELS: Record<Member["status"], string> = {
  active: "Active",
  inactive: "Deactivated",
  pending: "Invited, not joined yet",
};
