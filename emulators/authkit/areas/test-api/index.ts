import type { Area } from "../../http/routes.ts";
import { codes, createMembership, createOrganization, createUser, reset } from "./test-api.ts";

/** Not part of WorkOS: helpers for tests and scripts, under their own prefix. */
export const testApiArea: Area = {
  name: "test API",
  register(r) {
    r.test("POST", "/_local/users", createUser);
    r.test("POST", "/_local/organizations", createOrganization);
    r.test("POST", "/_local/memberships", createMembership);
    r.test("GET", "/_local/codes", codes);
    r.test("POST", "/_local/reset", reset);
  },
};
