import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../convex/_generated/api";

export type OrganizationSettings = FunctionReturnType<typeof api.organizationSettings.get>;

export const DOMAIN_STATES: Record<OrganizationSettings["domains"][number]["state"], string> = {
  verified: "Verified",
  pending: "Waiting for verification",
  failed: "Verification failed",
};

export const CONNECTION_STATES: Record<OrganizationSettings["connections"][number]["state"], string> = {
  active: "Active",
  inactive: "Inactive",
  draft: "Draft (not set up yet)",
  validating: "Validating",
};

export const DIRECTORY_STATES: Record<OrganizationSettings["directories"][number]["state"], string> = {
  active: "Active",
  inactive: "Inactive",
  deleting: "Being deleted",
  invalid_credentials: "Invalid credentials",
  validating: "Validating",
};
