import { GenericServerException, UnauthorizedException, UnprocessableEntityException } from "@workos-inc/node";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { workosNode } from "../../testing/workos-node.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "manual" });

async function post<R = { id: string }>(path: string, body: unknown): Promise<R> {
  const response = await t.post(path, body);
  expect(response.status).toBe(201);
  return (await response.json()) as R;
}

const user = (email: string) => post("/_local/users", { email, password: "correct-horse-battery" });

describe("GET /events through @workos-inc/node's events.listEvents", () => {
  it("lists each change as a WorkOS event, oldest first, deserialized by the SDK; the seed itself is no event", async () => {
    await t.start();
    const workos = t.workos;
    expect((await workos.events.listEvents({ events: ["user.created", "organization.created"] })).data).toEqual([]);

    const dana = await user("dana@example.com");
    const org = await post("/_local/organizations", { name: "Initech" });
    const membership = await post("/_local/memberships", { user_id: dana.id, organization_id: org.id, role: "admin" });

    const { data } = await workos.events.listEvents({ events: ["user.created", "organization.created", "organization_membership.created"] });
    expect(data.map((e) => e.event)).toEqual(["user.created", "organization.created", "organization_membership.created"]);
    expect(data[0]).toMatchObject({ id: expect.stringMatching(/^event_[0-9A-Z]{26}$/), createdAt: expect.any(String), context: {}, data: { object: "user", id: dana.id, email: "dana@example.com" } });
    expect(data[1]).toMatchObject({ data: { object: "organization", id: org.id, name: "Initech" } });
    expect(data[2]).toMatchObject({ data: { object: "organization_membership", id: membership.id, userId: dana.id, organizationId: org.id, role: { slug: "admin" } } });
    // Ids grow with creation time: they are the Events API's cursor.
    expect([...data.map((e) => e.id)].sort()).toEqual(data.map((e) => e.id));
  });

  it("announces a connection when it is activated, deactivated and deleted, and not while it is a draft", async () => {
    await t.start();
    const workos = t.workos;
    const connection = await post("/_local/connections", { organization_id: "org_globex", name: "Globex Entra", state: "draft" });
    const setState = (state: string) =>
      t.request(`/_local/connections/${connection.id}`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ state }) });
    expect((await setState("active")).status).toBe(200);
    expect((await setState("inactive")).status).toBe(200);
    await workos.sso.deleteConnection(connection.id);
    const { data } = await workos.events.listEvents({ events: ["connection.activated", "connection.deactivated", "connection.deleted"], organizationId: "org_globex" });
    expect(data.map((e) => e.event)).toEqual(["connection.activated", "connection.deactivated", "connection.deleted"]);
    expect(data[0]).toMatchObject({ data: { object: "connection", id: connection.id, organizationId: "org_globex", name: "Globex Entra" } });
  });

  it("filters by the comma-joined `events` (required), organization_id and the created_at range", async () => {
    await t.start();
    const workos = t.workos;
    const org = await post("/_local/organizations", { name: "Initech" });
    const erin = await user("erin@example.com");
    await post("/_local/memberships", { user_id: erin.id, organization_id: org.id });
    await post("/_local/memberships", { user_id: erin.id, organization_id: "org_globex" });

    const request = await t.request(`/events?events=organization.created,organization_membership.created`, { headers: { Authorization: `Bearer ${t.server.apiKey}` } });
    expect(((await request.json()) as { data: { event: string }[] }).data.map((e) => e.event)).toEqual(["organization.created", "organization_membership.created", "organization_membership.created"]);

    const initech = await workos.events.listEvents({ events: ["organization.created", "organization_membership.created", "user.created"], organizationId: org.id });
    expect(initech.data.map((e) => e.event)).toEqual(["organization.created", "organization_membership.created"]);
    const globex = await workos.events.listEvents({ events: ["organization_membership.created"], organizationId: "org_globex" });
    expect(globex.data).toHaveLength(1);

    const all = await workos.events.listEvents({ events: ["organization.created", "user.created", "organization_membership.created"] });
    const second = all.data[1]!.createdAt;
    expect((await workos.events.listEvents({ events: ["user.created"], rangeStart: second, rangeEnd: second })).data.map((e) => e.event)).toEqual(["user.created"]);
    const later = new Date(Date.parse(all.data.at(-1)!.createdAt) + 1).toISOString();
    expect((await workos.events.listEvents({ events: ["user.created"], rangeStart: later })).data).toEqual([]);
    const earlier = new Date(Date.parse(all.data[0]!.createdAt) - 1).toISOString();
    expect((await workos.events.listEvents({ events: ["user.created"], rangeEnd: earlier })).data).toEqual([]);
  });

  it("pages forward with the `after` cursor across pages until list_metadata.after is null, and backward with order=desc", async () => {
    await t.start();
    const workos = t.workos;
    const emails = Array.from({ length: 5 }, (_, i) => `pager${i}@example.com`);
    for (const email of emails) await user(email);

    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await workos.events.listEvents({ events: ["user.created"], limit: 2, after });
      seen.push(...page.data.map((e) => (e.data as { email: string }).email));
      after = page.listMetadata.after ?? undefined;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(emails);

    const newest = await workos.events.listEvents({ events: ["user.created"], limit: 2, order: "desc" });
    expect(newest.data.map((e) => (e.data as { email: string }).email)).toEqual([emails[4], emails[3]]);
    const older = await workos.events.listEvents({ events: ["user.created"], limit: 2, order: "desc", after: newest.listMetadata.after! });
    expect(older.data.map((e) => (e.data as { email: string }).email)).toEqual([emails[2], emails[1]]);
  });

  it("takes as cursor any event id, also one outside the filter: the stream position, as a sync's stored cursor is", async () => {
    await t.start();
    const workos = t.workos;
    await user("before@example.com");
    await post("/_local/organizations", { name: "Marker" });
    await user("after@example.com");
    const [marker] = (await workos.events.listEvents({ events: ["organization.created"] })).data;
    const page = await workos.events.listEvents({ events: ["user.created"], after: marker!.id });
    expect(page.data.map((e) => (e.data as { email: string }).email)).toEqual(["after@example.com"]);
    expect(page.listMetadata.after).toBeNull();
    // An id later than every event (e.g. of one already forgotten) is the end of the stream, not an error.
    expect((await workos.events.listEvents({ events: ["user.created"], after: "event_7ZZZZZZZZZZZZZZZZZZZZZZZZZ" })).data).toEqual([]);
  });

  it("announces sign-in as session.created and user.updated (last_sign_in_at), sign-out as session.revoked", async () => {
    await t.start();
    const workos = t.workos;
    const signedIn = await t.authenticate("bob@example.com");
    const { sid } = decodeJwt(signedIn.access_token) as { sid: string };
    const logout = await t.request(`/user_management/sessions/logout?session_id=${sid}`);
    expect(logout.status).toBe(302);

    const { data } = await workos.events.listEvents({ events: ["session.created", "session.revoked", "user.updated"] });
    expect(data.map((e) => e.event)).toEqual(["user.updated", "session.created", "session.revoked"]);
    expect(data[0]!.data).toMatchObject({ email: "bob@example.com", lastSignInAt: expect.any(String) });
    expect(data[1]!.data).toMatchObject({ object: "session", id: sid, userId: signedIn.user.id, status: "active", authMethod: "password" });
    expect(data[2]!.data).toMatchObject({ id: sid, status: "revoked", endedAt: expect.any(String) });
  });

  it("lists invitation events without token or link, under the invitation's organization", async () => {
    await t.start();
    const workos = t.workos;
    const invitation = await workos.userManagement.sendInvitation({ email: "listed@example.com", organizationId: "org_globex" });
    await workos.userManagement.revokeInvitation(invitation.id);
    const { data } = await workos.events.listEvents({ events: ["invitation.created", "invitation.revoked"], organizationId: "org_globex" });
    expect(data.map((e) => [e.event, (e.data as { state: string }).state])).toEqual([
      ["invitation.created", "pending"],
      ["invitation.revoked", "revoked"],
    ]);
    expect(data[0]!.data).toMatchObject({ object: "invitation", id: invitation.id, email: "listed@example.com", organizationId: "org_globex" });
    expect(JSON.stringify(data)).not.toContain(invitation.token);
    expect((await workos.events.listEvents({ events: ["invitation.created"], organizationId: "org_acme" })).data).toEqual([]);
  });

  it("refuses a missing or unknown `events`, a bad range or cursor (422), an unknown organization (400) and a missing key (401)", async () => {
    await t.start();
    const workos = t.workos;
    const invalid = [
      { events: [] },
      { events: ["user.created", "user.exploded"] },
      { events: ["user.created"], rangeStart: "yesterday" },
      { events: ["user.created"], rangeStart: "2025-02-01T00:00:00Z", rangeEnd: "2025-01-01T00:00:00Z" },
      { events: ["user.created"], after: "user_01ABC" },
      { events: ["user.created"], limit: 101 },
    ];
    for (const options of invalid) {
      await expect(workos.events.listEvents(options as Parameters<typeof workos.events.listEvents>[0])).rejects.toBeInstanceOf(UnprocessableEntityException);
    }
    const missing = await t.request("/events", { headers: { Authorization: `Bearer ${t.server.apiKey}` } });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ code: "invalid_request_parameters", errors: [{ field: "events", code: "required" }] });
    // The spec's 400 carries only a message (no `errors`): the SDK makes that a GenericServerException with the status.
    const unknownOrg = workos.events.listEvents({ events: ["user.created"], organizationId: "org_nope" });
    await expect(unknownOrg).rejects.toBeInstanceOf(GenericServerException);
    await expect(unknownOrg).rejects.toMatchObject({ status: 400, message: "Organization not found: 'org_nope'." });
    await expect(workosNode(t, `sk_test_${"x".repeat(24)}`).events.listEvents({ events: ["user.created"] })).rejects.toBeInstanceOf(UnauthorizedException);
  });
});
