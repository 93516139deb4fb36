import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { ACME, ALICE, GLOBEX } from "../../emulators/authkit/demo-world";
import { internal } from "../_generated/api";
import { acme, DAVE, daveMembership, daveReads, deliver, directoryUser, event, provisionDave, SECRET, type T } from "./dsync.setup";
import { fakeWorkOS, type FakeWorkOS } from "./fake.setup";
import { MAX_ATTEMPTS, retryDelayMs } from "./sessions";

/** Deprovisioning ends the person's WorkOS sessions for that organization, through a scheduled action. */

let fake: FakeWorkOS;
let warnings: ReturnType<typeof vi.spyOn>;
let errors: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  vi.useFakeTimers();
  vi.stubEnv("WORKOS_WEBHOOK_SECRET", SECRET);
  vi.stubEnv("WORKOS_API_KEY", `sk_test_${"revoke".repeat(3)}`);
  vi.stubEnv("WORKOS_API_URL", "");
  vi.spyOn(console, "log").mockImplementation(() => {});
  warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
  fake = fakeWorkOS();
  fake.addUser({ id: DAVE.id, email: DAVE.email, first_name: "Dave", last_name: "Diaz" });
  fake.addUser({ id: ALICE.id, email: ALICE.email, first_name: "Alice", last_name: "Anderson" });
  // Dave is signed in to Acme twice and to Globex once; Alice to Acme.
  fake.addSession({ id: "session_dave_acme_1", userId: DAVE.id, organizationId: ACME.id });
  fake.addSession({ id: "session_dave_acme_2", userId: DAVE.id, organizationId: ACME.id });
  fake.addSession({ id: "session_dave_globex", userId: DAVE.id, organizationId: GLOBEX.id });
  fake.addSession({ id: "session_alice_acme", userId: ALICE.id, organizationId: ACME.id });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const runScheduled = (t: T) => t.finishAllScheduledFunctions(vi.runAllTimers);
const active = () => [...fake.sessions.values()].filter((s) => s.status === "active").map((s) => s.id).sort();
const revokeCalls = () => fake.calls.filter((c) => c.method === "POST" && c.path === "/user_management/sessions/revoke").map((c) => (c.body as { session_id: string }).session_id);
const revocations = (t: T) => t.run((ctx) => ctx.db.query("sessionRevocations").collect());

describe("deprovisioning ends the person's WorkOS sessions in that organization", () => {
  test("a deleted directory user's Acme sessions are revoked through the WorkOS API, and no one else's", async () => {
    const t = await acme();
    await provisionDave(t);
    expect(await revocations(t)).toEqual([]);
    await deliver(t, event("dsync.user.deleted", directoryUser(4)));
    // Refused at once, before the action has run.
    await expect(daveReads(t)).rejects.toThrow(/deactivated/);
    await runScheduled(t);
    expect(active()).toEqual(["session_alice_acme", "session_dave_globex"]);
    expect(revokeCalls().sort()).toEqual(["session_dave_acme_1", "session_dave_acme_2"]);
    expect(await revocations(t)).toEqual([
      expect.objectContaining({ userId: DAVE.id, organizationId: ACME.id, state: "done", attempts: 1, revokedSessionIds: expect.arrayContaining(["session_dave_acme_1", "session_dave_acme_2"]) }),
    ]);
    const listed = fake.calls.find((c) => c.method === "GET" && c.path === `/user_management/users/${DAVE.id}/sessions`);
    expect(listed?.authorization).toBe(`Bearer sk_test_${"revoke".repeat(3)}`);
  });

  test("idempotent: a replayed event, WorkOS's own deactivation and the action run again revoke nothing more", async () => {
    const t = await acme();
    await provisionDave(t);
    const deleted = event("dsync.user.deleted", directoryUser(4));
    await deliver(t, deleted);
    expect(await deliver(t, deleted)).toBe("duplicate");
    await deliver(t, event("organization_membership.updated", daveMembership(5, "inactive")));
    await runScheduled(t);
    expect(revokeCalls()).toHaveLength(2);
    const [row] = await revocations(t);
    await t.action(internal.workos.sessions.revoke, { revocationId: row!._id });
    await deliver(t, event("dsync.user.updated", directoryUser(6, "inactive")));
    await runScheduled(t);
    expect(revokeCalls()).toHaveLength(2);
    expect(await revocations(t)).toHaveLength(1);
  });

  test("WorkOS's membership deactivation arriving before the directory user's deactivation still ends the sessions", async () => {
    const t = await acme();
    await provisionDave(t);
    await deliver(t, event("organization_membership.updated", daveMembership(3, "inactive")));
    await runScheduled(t);
    expect(revokeCalls()).toEqual([]);
    await deliver(t, event("dsync.user.updated", directoryUser(3, "inactive")));
    await runScheduled(t);
    expect(active()).toEqual(["session_alice_acme", "session_dave_globex"]);
  });

  test("a failure is retried with backoff and logged; reactivated meanwhile, the person keeps the sessions they have", async () => {
    const t = await acme();
    await provisionDave(t);
    // The SDK 8.13 retries no User Management call itself: one 503 is one failed attempt.
    fake.failNext("GET", /\/sessions$/, 503, { message: "Service unavailable" });
    await deliver(t, event("dsync.user.updated", directoryUser(3, "inactive")));
    await runScheduled(t);
    expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/failed \(attempt 1 of 10\): WorkOS answered 503.*Retrying in 1 s/));
    expect(active()).toEqual(["session_alice_acme", "session_dave_globex"]);
    expect(await revocations(t)).toEqual([expect.objectContaining({ state: "done", attempts: 2 })]);

    // Deprovisioned again later, WorkOS down for a while, reactivated before the retry: nothing is revoked.
    fake.addSession({ id: "session_dave_acme_3", userId: DAVE.id, organizationId: ACME.id });
    await deliver(t, event("dsync.user.updated", directoryUser(7)));
    await deliver(t, event("organization_membership.updated", daveMembership(7)));
    expect(await revocations(t)).toEqual([]);
    fake.failNext("GET", /\/sessions$/, 503, { message: "Service unavailable" });
    await deliver(t, event("dsync.user.updated", directoryUser(8, "inactive")));
    await t.finishInProgressScheduledFunctions();
    await deliver(t, event("dsync.user.updated", directoryUser(9)));
    await deliver(t, event("organization_membership.updated", daveMembership(9)));
    await runScheduled(t);
    expect(active()).toContain("session_dave_acme_3");
    expect((await daveReads(t)).page).toEqual([]);
  });

  test("gives up, saying what to do, on a failure no retry mends and after the last attempt", async () => {
    expect([1, 2, 3, 10, 12].map(retryDelayMs)).toEqual([1_000, 2_000, 4_000, 300_000, 300_000]);
    const t = await acme();
    await provisionDave(t);
    fake.failNext("GET", /\/sessions$/, 401, { message: "Invalid API key" });
    await deliver(t, event("dsync.user.updated", directoryUser(3, "inactive")));
    await runScheduled(t);
    expect(await revocations(t)).toEqual([expect.objectContaining({ state: "failed", attempts: 1, lastError: expect.stringMatching(/401/) })]);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/given up.*revoke their sessions in the WorkOS dashboard/));
    expect(active()).toContain("session_dave_acme_1");

    const again = await acme();
    await provisionDave(again);
    for (let i = 0; i < MAX_ATTEMPTS; i++) fake.failNext("GET", /\/sessions$/, 503, { message: "Service unavailable" });
    await deliver(again, event("dsync.user.updated", directoryUser(3, "inactive")));
    await runScheduled(again);
    expect(await revocations(again)).toEqual([expect.objectContaining({ state: "failed", attempts: MAX_ATTEMPTS })]);
  });
});
