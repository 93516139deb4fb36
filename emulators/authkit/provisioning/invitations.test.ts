import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULTS } from "../config.ts";
import { ACME, ADMIN_ROLE, BOB, CAROL, MEMBER_ROLE } from "../demo-world.ts";
import { Store } from "../store.ts";
import { invitationEventData, invitationResponse, type InvitationRecord } from "../store/invitations.ts";
import { InvitationNotAcceptable, acceptInvitation, findUsableInvitation } from "./invitations.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

afterEach(() => {
  vi.useRealTimers();
});

let count = 0;
function invite(store: Store, changes: Partial<InvitationRecord> = {}): InvitationRecord {
  const now = new Date().toISOString();
  count += 1;
  return store.invitations.insert({
    id: `invitation_${count}`,
    email: CAROL.email,
    state: "pending",
    accepted_at: null,
    revoked_at: null,
    expires_at: new Date(Date.now() + DAY_MS).toISOString(),
    organization_id: ACME.id,
    inviter_user_id: null,
    accepted_user_id: null,
    role_slug: "admin",
    token: `token_${count}`,
    locale: null,
    sent_at: now,
    created_at: now,
    updated_at: now,
    ...changes,
  });
}

const open = () => Store.open(null, DEFAULTS.seedFile);

describe("findUsableInvitation", () => {
  it("finds a pending invitation by token, and says why any other cannot be used", async () => {
    const store = await open();
    const pending = invite(store);
    expect(findUsableInvitation(store, pending.token)).toEqual({ ok: true, invitation: pending });
    expect(findUsableInvitation(store, "nope")).toEqual({ ok: false, reason: "unknown" });
    expect(findUsableInvitation(store, invite(store, { state: "revoked" }).token)).toEqual({ ok: false, reason: "revoked" });
    expect(findUsableInvitation(store, invite(store, { state: "accepted" }).token)).toEqual({ ok: false, reason: "accepted" });
    const expiring = invite(store);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse(expiring.expires_at) });
    expect(findUsableInvitation(store, expiring.token)).toEqual({ ok: false, reason: "expired" });
  });
});

describe("acceptInvitation", () => {
  it("marks the invitation accepted by the user and makes the membership with its role, in one save", async () => {
    const store = await open();
    const invitation = invite(store);
    const saves: string[] = [];
    store.onChange((change) => saves.push(`${change.collection} ${change.kind}`));
    const carol = store.user(CAROL.id)!;
    const { invitation: accepted, membership } = acceptInvitation(store, invitation, carol);
    expect(accepted).toMatchObject({ state: "accepted", accepted_user_id: CAROL.id, accepted_at: expect.any(String) });
    expect(membership).toMatchObject({ user_id: CAROL.id, organization_id: ACME.id, role: ADMIN_ROLE.slug });
    expect(store.membership(CAROL.id, ACME.id)?.role).toBe("admin");
    expect(saves.sort()).toEqual(["invitations updated", "memberships created"]);
  });

  it("keeps the membership a user already has, and makes none for an invitation to the application", async () => {
    const store = await open();
    const bob = store.user(BOB.id)!;
    const before = store.membership(BOB.id, ACME.id)!;
    const { membership } = acceptInvitation(store, invite(store, { email: BOB.email }), bob);
    expect(membership).toEqual(before);
    expect(membership?.role).toBe(MEMBER_ROLE.slug);
    const appOnly = acceptInvitation(store, invite(store, { organization_id: null, role_slug: null }), store.user(CAROL.id)!);
    expect(appOnly.membership).toBeNull();
    expect(store.membershipsOf(CAROL.id)).toEqual([]);
  });

  it("refuses, changing nothing, another user's invitation, a used one, and one whose organization or role is gone", async () => {
    const store = await open();
    const carol = store.user(CAROL.id)!;
    const refusal = (invitation: InvitationRecord, user = carol) => {
      try {
        acceptInvitation(store, invitation, user);
      } catch (error) {
        expect(error).toBeInstanceOf(InvitationNotAcceptable);
        return (error as InvitationNotAcceptable).reason;
      }
      return "accepted it";
    };
    expect(refusal(invite(store), store.user(BOB.id)!)).toBe("email_mismatch");
    expect(refusal(invite(store, { state: "revoked" }))).toBe("revoked");
    expect(refusal(invite(store, { organization_id: "org_gone" }))).toBe("organization_gone");
    expect(refusal(invite(store, { role_slug: "owner" }))).toBe("role_gone");
    const once = invite(store);
    acceptInvitation(store, once, carol);
    expect(refusal(once)).toBe("accepted");
    expect(store.invitations.list((i) => i.state === "accepted")).toHaveLength(1);
    expect(store.membershipsOf(CAROL.id)).toHaveLength(1);
  });
});

describe("the invitation's wire shapes", () => {
  it("events carry no token and no link; the API's answer has both", async () => {
    const store = await open();
    const invitation = invite(store);
    const event = invitationEventData(invitation);
    expect(event).not.toHaveProperty("token");
    expect(event).not.toHaveProperty("accept_invitation_url");
    expect(JSON.stringify(event)).not.toContain(invitation.token);
    expect(event).toMatchObject({ object: "invitation", id: invitation.id, state: "pending", role_slug: "admin" });
    expect(invitationResponse(invitation, "http://localhost:5173/invite")).toMatchObject({
      ...event,
      token: invitation.token,
      accept_invitation_url: `http://localhost:5173/invite?invitation_token=${invitation.token}`,
    });
  });
});
