import { NotFoundException } from "@workos-inc/node";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { ALICE, BOB, GLOBEX } from "../../demo-world.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit();

const sidOf = (accessToken: string) => (decodeJwt(accessToken) as { sid: string }).sid;
const refresh = (refreshToken: string) => t.post("/user_management/authenticate", { client_id: t.server.clientId, grant_type: "refresh_token", refresh_token: refreshToken });

describe("@workos-inc/node sessions against the Local AuthKit", () => {
  it("lists a user's active sessions, with the organization each is signed in to, and pages through them", async () => {
    const workos = t.workos;
    const first = await t.authenticate(BOB.email);
    const second = await t.authenticate(BOB.email);
    const third = await t.authenticate(BOB.email);
    const page = await workos.userManagement.listSessions(BOB.id, { limit: 2 });
    expect(page.data.map((s) => s.id)).toEqual([sidOf(third.access_token), sidOf(second.access_token)]);
    expect(page.data[0]).toEqual({
      object: "session",
      id: sidOf(third.access_token),
      userId: BOB.id,
      ipAddress: null,
      userAgent: null,
      organizationId: "org_acme",
      authMethod: "password",
      status: "active",
      expiresAt: null,
      endedAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const all = await (await workos.userManagement.listSessions(BOB.id)).autoPagination();
    expect(all.map((s) => s.id)).toEqual(expect.arrayContaining([first, second, third].map((r) => sidOf(r.access_token))));
  });

  it("revokes one session: its refresh fails, the user's other sessions go on, session.revoked is announced, and a second revocation is a no-op", async () => {
    const workos = t.workos;
    const globex = await t.authenticate(ALICE.email, { organization: GLOBEX.name });
    const acme = await t.authenticate(ALICE.email, { organization: "Acme Corp" });
    const sid = sidOf(globex.access_token);
    expect((await workos.userManagement.listSessions(ALICE.id)).data.find((s) => s.id === sid)).toMatchObject({ organizationId: GLOBEX.id });

    await workos.userManagement.revokeSession({ sessionId: sid });
    const refused = await refresh(globex.refresh_token);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "invalid_grant" });
    expect((await refresh(acme.refresh_token)).status).toBe(200);
    const listed = (await workos.userManagement.listSessions(ALICE.id)).data.map((s) => s.id);
    expect(listed).not.toContain(sid);
    expect(listed).toContain(sidOf(acme.access_token));

    await workos.userManagement.revokeSession({ sessionId: sid });
    const { data } = await workos.events.listEvents({ events: ["session.revoked"] });
    expect(data.filter((e) => (e.data as { id: string }).id === sid)).toEqual([
      expect.objectContaining({ event: "session.revoked", data: expect.objectContaining({ id: sid, userId: ALICE.id, organizationId: GLOBEX.id, status: "revoked", endedAt: expect.any(String) }) }),
    ]);
  });

  it("answers an unknown user or session with 404", async () => {
    const workos = t.workos;
    await expect(workos.userManagement.listSessions("user_nope")).rejects.toBeInstanceOf(NotFoundException);
    await expect(workos.userManagement.revokeSession({ sessionId: "session_nope" })).rejects.toBeInstanceOf(NotFoundException);
  });
});
