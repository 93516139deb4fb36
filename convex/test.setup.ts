/// <reference types="vite/client" />
import type { UserIdentity } from "convex/server";
import { convexTest } from "convex-test";
import schema from "./schema";

// Every function module, for convex-test to load (the file name's extra dot keeps this helper
// out of the Convex deployment).
export const modules = import.meta.glob("./**/*.*s");

export function newConvexTest() {
  return convexTest(schema, modules);
}

const ISSUER = "https://api.workos.com/user_management/client_test";

/** Identities shaped like the claims Convex derives from a WorkOS access token. */
export const identities = {
  aliceAtAcme: {
    subject: "user_alice",
    issuer: ISSUER,
    tokenIdentifier: `${ISSUER}|user_alice`,
    org_id: "org_acme",
    role: "admin",
    permissions: ["notes:read", "notes:write", "notes:delete", "members:manage"],
  },
  aliceAtGlobex: {
    subject: "user_alice",
    issuer: ISSUER,
    tokenIdentifier: `${ISSUER}|user_alice`,
    org_id: "org_globex",
    role: "member",
    permissions: ["notes:read", "notes:write"],
  },
  bobAtAcme: {
    subject: "user_bob",
    issuer: ISSUER,
    tokenIdentifier: `${ISSUER}|user_bob`,
    org_id: "org_acme",
    role: "member",
    permissions: ["notes:read", "notes:write"],
  },
  carol: {
    subject: "user_carol",
    issuer: ISSUER,
    tokenIdentifier: `${ISSUER}|user_carol`,
  },
  readOnlyAtAcme: {
    subject: "user_dave",
    issuer: ISSUER,
    tokenIdentifier: `${ISSUER}|user_dave`,
    org_id: "org_acme",
    role: "viewer",
    permissions: ["notes:read"],
  },
} satisfies Record<string, Partial<UserIdentity>>;
