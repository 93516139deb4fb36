/// <reference types="vite/client" />
import type { UserIdentity } from "convex/server";
import { convexTest } from "convex-test";
import { ACME, ALICE, BOB, CAROL, demoIdentity, GLOBEX, TEST_ISSUER } from "../emulators/authkit/demo-world";
import schema from "./schema";

// Every function module, for convex-test to load (the file name's extra dot keeps this helper
// out of the Convex deployment).
export const modules = import.meta.glob("./**/*.*s");

export function newConvexTest() {
  return convexTest(schema, modules);
}

/** The demo accounts (emulators/authkit/demo-world.ts) as Convex sees them once signed in. */
export const identities = {
  aliceAtAcme: demoIdentity(ALICE, ACME),
  aliceAtGlobex: demoIdentity(ALICE, GLOBEX),
  bobAtAcme: demoIdentity(BOB, ACME),
  carol: demoIdentity(CAROL),
  // Not a demo account: a role the demo world does not have, with read access only.
  readOnlyAtAcme: {
    subject: "user_dave",
    issuer: TEST_ISSUER,
    tokenIdentifier: `${TEST_ISSUER}|user_dave`,
    org_id: ACME.id,
    role: "viewer",
    permissions: ["notes:read"],
  },
} satisfies Record<string, Partial<UserIdentity>>;
