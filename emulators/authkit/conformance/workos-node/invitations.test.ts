import { GenericServerException, NotFoundException, UnprocessableEntityException, type WorkOS } from "@workos-inc/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ALICE, BOB, CAROL } from "../../demo-world.ts";
import { APP_ORIGIN } from "../../testing/start.ts";
import { sdkError } from "../../testing/workos-node.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

const t = useTestAuthKit({ lifetime: "test" });
afterEach(() => {
  vi.useRealTimers();
});

/** The WorkOS error code of a refusal the SDK raised (400s without `errors` become GenericServerException). */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: unknown }> {
  const error = await sdkError(promise);
  expect(error).toBeInstanceOf(GenericServerException);
  return { status: error.status!, code: error.rawData?.code };
}

describe("userManagement.sendInvitation", () => {
  it("invites an email to an organization with a role, an inviter and an expiry, linking to the app's /invite", async () => {
    const before = Date.now();
    const invitation = await t.workos.userManagement.sendInvitation({
      email: "New.Person@Example.com",
      organizationId: "org_acme",
      roleSlug: "admin",
      inviterUserId: ALICE.id,
      expiresInDays: 3,
    });
    expect(invitation).toMatchObject({
      object: "invitation",
      id: expect.stringMatching(/^invitation_[0-9A-Z]{26}$/),
      email: "new.person@example.com",
      state: "pending",
      acceptedAt: null,
      revokedAt: null,
      organizationId: "org_acme",
      inviterUserId: ALICE.id,
      acceptedUserId: null,
      token: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
    });
    expect(invitation.acceptInvitationUrl).toBe(`${APP_ORIGIN}/invite?invitation_token=${invitation.token}`);
    const expires = Date.parse(invitation.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 3 * DAY_MS);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3 * DAY_MS);
    expect(t.logs.some((line) => line.includes(`invitation for new.person@example.com to Acme Corp (org_acme): ${invitation.acceptInvitationUrl} (no email is sent)`))).toBe(true);
  });

  it("defaults to 7 days, and takes 1 and 30", async () => {
    const week = await t.workos.userManagement.sendInvitation({ email: "week@example.com", organizationId: "org_acme" });
    expect(Math.round((Date.parse(week.expiresAt) - Date.parse(week.createdAt)) / DAY_MS)).toBe(7);
    for (const days of [1, 30]) {
      const invitation = await t.workos.userManagement.sendInvitation({ email: `d${days}@example.com`, organizationId: "org_acme", expiresInDays: days });
      expect(Math.round((Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)) / DAY_MS)).toBe(days);
    }
  });

  it("invites to the application only when no organization is given", async () => {
    const invitation = await t.workos.userManagement.sendInvitation({ email: "solo@example.com" });
    expect(invitation).toMatchObject({ organizationId: null, state: "pending" });
  });

  it("refuses expires_in_days outside 1–30 with expires_in_days_too_short / too_long", async () => {
    expect(await refusal(t.workos.userManagement.sendInvitation({ email: "x@example.com", expiresInDays: 0 }))).toEqual({ status: 400, code: "expires_in_days_too_short" });
    expect(await refusal(t.workos.userManagement.sendInvitation({ email: "x@example.com", expiresInDays: 31 }))).toEqual({ status: 400, code: "expires_in_days_too_long" });
  });

  it("refuses a role the environment does not have, and a role without an organization, with invalid_role", async () => {
    expect(await refusal(t.workos.userManagement.sendInvitation({ email: "x@example.com", organizationId: "org_acme", roleSlug: "owner" }))).toEqual({ status: 400, code: "invalid_role" });
    expect(await refusal(t.workos.userManagement.sendInvitation({ email: "x@example.com", roleSlug: "admin" }))).toEqual({ status: 400, code: "invalid_role" });
  });

  it("refuses a member of the organization (user_already_organization_member) and a second pending invitation (email_already_invited_to_organization)", async () => {
    expect(await refusal(t.workos.userManagement.sendInvitation({ email: BOB.email.toUpperCase(), organizationId: "org_acme" }))).toEqual({ status: 400, code: "user_already_organization_member" });
    await t.workos.userManagement.sendInvitation({ email: "twice@example.com", organizationId: "org_acme" });
    expect(await refusal(t.workos.userManagement.sendInvitation({ email: "Twice@example.com", organizationId: "org_acme" }))).toEqual({ status: 400, code: "email_already_invited_to_organization" });
    // Another organization is another invitation.
    await expect(t.workos.userManagement.sendInvitation({ email: "twice@example.com", organizationId: "org_globex" })).resolves.toMatchObject({ state: "pending" });
  });

  it("refuses an application invitation to an existing user (user_already_exists) or a second one (email_already_invited)", async () => {
    expect(await refusal(t.workos.userManagement.sendInvitation({ email: CAROL.email }))).toEqual({ status: 400, code: "user_already_exists" });
    await t.workos.userManagement.sendInvitation({ email: "app@example.com" });
    expect(await refusal(t.workos.userManagement.sendInvitation({ email: "app@example.com" }))).toEqual({ status: 400, code: "email_already_invited" });
  });

  it("invites again once the earlier invitation is revoked or expired", async () => {
    const first = await t.workos.userManagement.sendInvitation({ email: "again@example.com", organizationId: "org_acme" });
    await t.workos.userManagement.revokeInvitation(first.id);
    const second = await t.workos.userManagement.sendInvitation({ email: "again@example.com", organizationId: "org_acme", expiresInDays: 1 });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + DAY_MS + 1000 });
    const third = await t.workos.userManagement.sendInvitation({ email: "again@example.com", organizationId: "org_acme" });
    expect(new Set([first.token, second.token, third.token]).size).toBe(3);
  });

  it("answers 404 for an unknown organization or inviter, 422 for a malformed email or locale", async () => {
    await expect(t.workos.userManagement.sendInvitation({ email: "x@example.com", organizationId: "org_nope" })).rejects.toBeInstanceOf(NotFoundException);
    await expect(t.workos.userManagement.sendInvitation({ email: "x@example.com", organizationId: "org_acme", inviterUserId: "user_nope" })).rejects.toBeInstanceOf(NotFoundException);
    for (const bad of [{ email: "not-an-email" }, { email: "x@example.com", locale: "xx" as "en" }]) {
      const error = await sdkError(t.workos.userManagement.sendInvitation(bad));
      expect(error).toBeInstanceOf(UnprocessableEntityException);
      expect((error as UnprocessableEntityException).code).toBe("invalid_request_parameters");
    }
  });
});

describe("userManagement.getInvitation / findInvitationByToken", () => {
  it("reads an invitation by id and by token, and 404s what is unknown", async () => {
    const sent = await t.workos.userManagement.sendInvitation({ email: "read@example.com", organizationId: "org_globex" });
    expect(await t.workos.userManagement.getInvitation(sent.id)).toEqual(sent);
    expect(await t.workos.userManagement.findInvitationByToken(sent.token)).toEqual(sent);
    await expect(t.workos.userManagement.getInvitation("invitation_nope")).rejects.toBeInstanceOf(NotFoundException);
    await expect(t.workos.userManagement.findInvitationByToken("no-such-token")).rejects.toBeInstanceOf(NotFoundException);
  });

  it("says expired once expires_at has passed, by id, by token and in lists", async () => {
    const sent = await t.workos.userManagement.sendInvitation({ email: "late@example.com", organizationId: "org_acme", expiresInDays: 1 });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse(sent.expiresAt) });
    expect((await t.workos.userManagement.getInvitation(sent.id)).state).toBe("expired");
    expect((await t.workos.userManagement.findInvitationByToken(sent.token)).state).toBe("expired");
    expect((await t.workos.userManagement.listInvitations({ email: "late@example.com" })).data.map((i) => i.state)).toEqual(["expired"]);
  });
});

describe("userManagement.listInvitations", () => {
  it("filters by organization_id and by email (any case), newest first", async () => {
    const a = await t.workos.userManagement.sendInvitation({ email: "one@example.com", organizationId: "org_acme" });
    const b = await t.workos.userManagement.sendInvitation({ email: "two@example.com", organizationId: "org_acme" });
    const c = await t.workos.userManagement.sendInvitation({ email: "one@example.com", organizationId: "org_globex" });
    const ids = async (options: Parameters<WorkOS["userManagement"]["listInvitations"]>[0]) =>
      (await t.workos.userManagement.listInvitations(options)).data.map((i) => i.id);
    expect(await ids({ organizationId: "org_acme" })).toEqual([b.id, a.id]);
    expect(await ids({ email: "ONE@example.com" })).toEqual([c.id, a.id]);
    expect(await ids({ email: "one@example.com", organizationId: "org_globex" })).toEqual([c.id]);
    expect(await ids({ organizationId: "org_nope" })).toEqual([]);
    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ order: "asc" })).toEqual([a.id, b.id, c.id]);
  });

  it("pages with limit, after and before, and autoPagination reads more than one page", async () => {
    const sent = [];
    for (let i = 0; i < 105; i++) sent.push(await t.workos.userManagement.sendInvitation({ email: `p${i}@example.com`, organizationId: "org_globex" }));
    const newestFirst = sent.map((i) => i.id).reverse();
    const first = await t.workos.userManagement.listInvitations({ organizationId: "org_globex", limit: 2 });
    expect(first.data.map((i) => i.id)).toEqual(newestFirst.slice(0, 2));
    expect(first.listMetadata).toEqual({ before: null, after: newestFirst[1] });
    const second = await t.workos.userManagement.listInvitations({ organizationId: "org_globex", limit: 2, after: first.listMetadata.after! });
    expect(second.data.map((i) => i.id)).toEqual(newestFirst.slice(2, 4));
    const back = await t.workos.userManagement.listInvitations({ organizationId: "org_globex", limit: 2, before: second.data[0]!.id });
    expect(back.data.map((i) => i.id)).toEqual(newestFirst.slice(0, 2));
    const all = await (await t.workos.userManagement.listInvitations({ organizationId: "org_globex" })).autoPagination();
    expect(all.map((i) => i.id)).toEqual(newestFirst);
  });

  it("answers 422 for a bad limit or a malformed email filter", async () => {
    await expect(t.workos.userManagement.listInvitations({ limit: 0 })).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(t.workos.userManagement.listInvitations({ email: "nope" })).rejects.toBeInstanceOf(UnprocessableEntityException);
  });
});

describe("userManagement.acceptInvitation", () => {
  it("accepts for the user with the invitation's email, who joins the organization", async () => {
    const sent = await t.workos.userManagement.sendInvitation({ email: CAROL.email, organizationId: "org_acme", roleSlug: "admin" });
    const accepted = await t.workos.userManagement.acceptInvitation(sent.id);
    expect(accepted).toMatchObject({ id: sent.id, state: "accepted", acceptedUserId: CAROL.id, acceptedAt: expect.any(String), token: sent.token });
    // Now a member: a second invitation is refused as such.
    expect(await refusal(t.workos.userManagement.sendInvitation({ email: CAROL.email, organizationId: "org_acme" }))).toEqual({ status: 400, code: "user_already_organization_member" });
  });

  it("refuses what is not pending (accepted, revoked, expired) with invite_not_pending", async () => {
    const accepted = await t.workos.userManagement.sendInvitation({ email: CAROL.email, organizationId: "org_globex" });
    await t.workos.userManagement.acceptInvitation(accepted.id);
    expect(await refusal(t.workos.userManagement.acceptInvitation(accepted.id))).toEqual({ status: 400, code: "invite_not_pending" });
    const revoked = await t.workos.userManagement.sendInvitation({ email: CAROL.email, organizationId: "org_acme" });
    await t.workos.userManagement.revokeInvitation(revoked.id);
    expect(await refusal(t.workos.userManagement.acceptInvitation(revoked.id))).toEqual({ status: 400, code: "invite_not_pending" });
    const expiring = await t.workos.userManagement.sendInvitation({ email: CAROL.email, organizationId: "org_acme", expiresInDays: 1 });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse(expiring.expiresAt) + 1 });
    expect(await refusal(t.workos.userManagement.acceptInvitation(expiring.id))).toEqual({ status: 400, code: "invite_not_pending" });
  });

  it("refuses an invitation whose email has no user yet with invalid_invite, and 404s an unknown id", async () => {
    const sent = await t.workos.userManagement.sendInvitation({ email: "nobody@example.com", organizationId: "org_acme" });
    expect(await refusal(t.workos.userManagement.acceptInvitation(sent.id))).toEqual({ status: 400, code: "invalid_invite" });
    expect((await t.workos.userManagement.getInvitation(sent.id)).state).toBe("pending");
    await expect(t.workos.userManagement.acceptInvitation("invitation_nope")).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe("userManagement.revokeInvitation", () => {
  it("revokes a pending invitation, refuses to revoke it twice, and 404s an unknown id", async () => {
    const sent = await t.workos.userManagement.sendInvitation({ email: "gone@example.com", organizationId: "org_acme" });
    const revoked = await t.workos.userManagement.revokeInvitation(sent.id);
    expect(revoked).toMatchObject({ state: "revoked", revokedAt: expect.any(String), acceptedAt: null });
    expect(await refusal(t.workos.userManagement.revokeInvitation(sent.id))).toEqual({ status: 400, code: "invite_not_pending" });
    await expect(t.workos.userManagement.revokeInvitation("invitation_nope")).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe("userManagement.resendInvitation", () => {
  it("resends a pending invitation with the same token and expiry, and logs the link again", async () => {
    const sent = await t.workos.userManagement.sendInvitation({ email: "again@example.com", organizationId: "org_acme" });
    const resent = await t.workos.userManagement.resendInvitation(sent.id, { locale: "fr" });
    expect(resent).toMatchObject({ id: sent.id, state: "pending", token: sent.token, expiresAt: sent.expiresAt, acceptInvitationUrl: sent.acceptInvitationUrl });
    expect(t.logs.filter((line) => line.includes(`${sent.acceptInvitationUrl} (no email is sent)`))).toHaveLength(2);
    await expect(t.workos.userManagement.resendInvitation(sent.id)).resolves.toMatchObject({ state: "pending" });
  });

  it("refuses revoked, accepted and expired invitations with invite_revoked / invite_accepted / invite_expired", async () => {
    const revoked = await t.workos.userManagement.sendInvitation({ email: "r@example.com", organizationId: "org_acme" });
    await t.workos.userManagement.revokeInvitation(revoked.id);
    expect(await refusal(t.workos.userManagement.resendInvitation(revoked.id))).toEqual({ status: 400, code: "invite_revoked" });
    const accepted = await t.workos.userManagement.sendInvitation({ email: CAROL.email, organizationId: "org_acme" });
    await t.workos.userManagement.acceptInvitation(accepted.id);
    expect(await refusal(t.workos.userManagement.resendInvitation(accepted.id))).toEqual({ status: 400, code: "invite_accepted" });
    const expiring = await t.workos.userManagement.sendInvitation({ email: "e@example.com", organizationId: "org_acme", expiresInDays: 1 });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse(expiring.expiresAt) });
    expect(await refusal(t.workos.userManagement.resendInvitation(expiring.id))).toEqual({ status: 400, code: "invite_expired" });
  });

  it("answers 404 for an unknown id and 422 for an unknown locale", async () => {
    await expect(t.workos.userManagement.resendInvitation("invitation_nope")).rejects.toBeInstanceOf(NotFoundException);
    const sent = await t.workos.userManagement.sendInvitation({ email: "loc@example.com", organizationId: "org_acme" });
    await expect(t.workos.userManagement.resendInvitation(sent.id, { locale: "klingon" as "en" })).rejects.toBeInstanceOf(UnprocessableEntityException);
  });
});
