import { afterEach, beforeEach, expect, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { identities, newConvexTest } from "../test.setup";
import { computeSignature } from "./signature";

/**
 * Directory Sync as WorkOS delivers it, for the mirror's tests: Acme in the mirror, its directory,
 * Dave (a directory user) and the signed webhook deliveries that provision him. (The extra dot in
 * the file name keeps it out of the Convex push.)
 */

// The demo world's Acme and Alice, as convex-test signs in as them (test.setup.ts).
const ACME = { id: identities.aliceAtAcme.org_id!, name: "Acme Corp" };
const ALICE = { id: identities.aliceAtAcme.subject, membershipId: "om_alice_acme" };

export const SECRET = "whsec_dsync_test";

/** For a test file that delivers webhooks: Convex knows SECRET, and the mirror's log lines stay out of the output. */
export function receiveWebhooks() {
  beforeEach(() => {
    vi.stubEnv("WORKOS_WEBHOOK_SECRET", SECRET);
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });
}
export type T = ReturnType<typeof newConvexTest>;

export const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();
let seq = 0;
export const event = (name: string, data: Record<string, unknown>, minute = 0, id = `event_dsync_${++seq}`) => ({ id, event: name, data, created_at: at(minute) });

export async function deliver(t: T, body: unknown) {
  const raw = JSON.stringify(body);
  const ts = String(Date.now());
  const response = await t.fetch("/workos/webhook", {
    method: "POST",
    headers: { "Content-Type": "application/json", "WorkOS-Signature": `t=${ts}, v1=${await computeSignature(ts, raw, SECRET)}` },
    body: raw,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { outcome: string }).outcome;
}

export const DIRECTORY = "directory_acme01";
export const DAVE = { id: "user_dave01", email: "dave@acme.test" };
export const DAVE_MEMBERSHIP = "om_dave01";
export const daveIdentity = { ...identities.bobAtAcme, subject: DAVE.id, tokenIdentifier: `${identities.bobAtAcme.issuer}|${DAVE.id}`, role: "member" };

export const directory = (minute: number, state = "active") => ({
  object: "directory",
  id: DIRECTORY,
  organization_id: ACME.id,
  name: "Acme Okta",
  type: "okta scim v2.0",
  state,
  domains: [],
  created_at: at(0),
  updated_at: at(minute),
});
/** Dave as a directory user; `role`: the role WorkOS maps him to from his groups. */
export const directoryUser = (minute: number, state = "active", role?: string) => ({
  object: "directory_user",
  id: "directory_user_dave",
  directory_id: DIRECTORY,
  organization_id: ACME.id,
  idp_id: "dave",
  email: DAVE.email,
  first_name: "Dave",
  last_name: "Diaz",
  state,
  ...(role !== undefined && { role: { slug: role }, roles: [{ slug: role }] }),
  custom_attributes: {},
  raw_attributes: {},
  created_at: at(0),
  updated_at: at(minute),
});
export const group = (minute: number) => ({
  object: "directory_group",
  id: "directory_group_eng",
  idp_id: "eng",
  directory_id: DIRECTORY,
  organization_id: ACME.id,
  name: "Engineering",
  raw_attributes: {},
  created_at: at(0),
  updated_at: at(minute),
});
export const daveMembership = (minute: number, status = "active", role = "member") => ({
  object: "organization_membership",
  id: DAVE_MEMBERSHIP,
  user_id: DAVE.id,
  organization_id: ACME.id,
  status,
  role: { slug: role },
  directory_managed: true,
  created_at: at(0),
  updated_at: at(minute),
});
export const daveUser = { object: "user", id: DAVE.id, email: DAVE.email, first_name: "Dave", last_name: "Diaz", email_verified: true, created_at: at(0), updated_at: at(0) };

/** Acme in the mirror with Alice its admin, and the demo roles. */
export async function acme() {
  const t = newConvexTest();
  const t0 = Date.parse(at(0));
  await t.mutation(internal.workos.mirror.write, {
    organizations: [{ workosId: ACME.id, name: ACME.name, updatedAt: t0 }],
    memberships: [
      { workosId: ALICE.membershipId, userId: ALICE.id, organizationId: ACME.id, role: "admin", status: "active", directoryManaged: false, updatedAt: t0 },
    ],
    roles: [
      { slug: "admin", permissions: ["notes:read", "notes:write", "members:manage"], updatedAt: t0 },
      { slug: "member", permissions: ["notes:read", "notes:write"], updatedAt: t0 },
    ],
  });
  return t;
}

/** Dave provisioned by the directory, as WorkOS announces it. */
export async function provisionDave(t: T) {
  await deliver(t, event("dsync.activated", directory(1)));
  await deliver(t, event("dsync.user.created", directoryUser(2)));
  await deliver(t, event("user.created", daveUser));
  await deliver(t, event("organization_membership.created", daveMembership(2)));
}

export const settings = (t: T) => t.withIdentity(identities.aliceAtAcme).query(api.organizationSettings.get, {});
export const daveReads = (t: T) => t.withIdentity(daveIdentity).query(api.notes.list, { paginationOpts: { numItems: 10, cursor: null } });
export const daveWrites = (t: T) => t.withIdentity(daveIdentity).mutation(api.notes.add, { text: "still here?" });

/** Whether Dave may manage Acme (`members:manage`): the settings page answers, or refuses. */
export const daveManages = (t: T) =>
  t
    .withIdentity(daveIdentity)
    .query(api.organizationSettings.get, {})
    .then(
      () => true,
      (error: Error) => {
        if (/members:manage/.test(error.message)) return false;
        throw error;
      },
    );
