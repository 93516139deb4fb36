import { GenericServerException, NotFoundException, UnprocessableEntityException } from "@workos-inc/node";
import { describe, expect, it } from "vitest";
import { ACME, ALICE, BOB, CAROL, DEMO_PASSWORD, GLOBEX } from "../../demo-world.ts";
import { signInThroughHostedPages } from "../../testing/hosted-pages.ts";
import { APP_ORIGIN } from "../../testing/start.ts";
import { TestBrowser } from "../../testing/test-browser.ts";
import { sdkError } from "../../testing/workos-node.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "test" });

const refresh = (refreshToken: string) =>
  t.post("/user_management/authenticate", { client_id: t.server.clientId, grant_type: "refresh_token", refresh_token: refreshToken });

describe("userManagement.getUser / listUsers", () => {
  it("reads a user, never with a password hash", async () => {
    const user = await t.workos.userManagement.getUser(ALICE.id);
    expect(user).toMatchObject({ object: "user", id: ALICE.id, email: ALICE.email, firstName: "Alice", lastName: "Anderson", emailVerified: true, externalId: null, metadata: {} });
    const raw = await (await t.request(`/user_management/users/${ALICE.id}`, { headers: { Authorization: `Bearer ${t.server.apiKey}` } })).text();
    expect(raw).not.toMatch(/password|scrypt/i);
    expect(await sdkError(t.workos.userManagement.getUser("user_nope"))).toBeInstanceOf(NotFoundException);
  });

  it("filters by email (whatever its case) and by organization", async () => {
    expect((await t.workos.userManagement.listUsers({ email: "BOB@example.com" })).data.map((u) => u.id)).toEqual([BOB.id]);
    expect((await t.workos.userManagement.listUsers({ organizationId: ACME.id })).data.map((u) => u.id).sort()).toEqual([ALICE.id, BOB.id].sort());
    expect((await t.workos.userManagement.listUsers({ organizationId: GLOBEX.id })).data.map((u) => u.id)).toEqual([ALICE.id]);
    expect((await t.workos.userManagement.listUsers()).data.map((u) => u.id)).toEqual([CAROL.id, BOB.id, ALICE.id]);
  });

  it("auto-paginates across more than one page", async () => {
    for (let i = 0; i < 100; i++) {
      const response = await t.post("/_local/users", { email: `user${i}@example.com` });
      expect(response.status).toBe(201);
    }
    const first = await t.workos.userManagement.listUsers({ limit: 5, order: "asc" });
    expect(first.data.map((u) => u.id).slice(0, 3)).toEqual([ALICE.id, BOB.id, CAROL.id]);
    expect(first.listMetadata.after).toBe(first.data[4]!.id);
    const all = await (await t.workos.userManagement.listUsers()).autoPagination();
    expect(all).toHaveLength(103);
    expect(new Set(all.map((u) => u.id)).size).toBe(103);
  });
});

describe("userManagement.updateUser", () => {
  it("updates names, email_verified, external id, locale and metadata, and finds the user by external id", async () => {
    const user = await t.workos.userManagement.updateUser({
      userId: CAROL.id,
      firstName: "Caroline",
      lastName: "Clarke",
      emailVerified: false,
      externalId: "carol-1",
      locale: "fr-FR",
      metadata: { team: "ops" },
    });
    expect(user).toMatchObject({ firstName: "Caroline", lastName: "Clarke", emailVerified: false, externalId: "carol-1", locale: "fr-FR", metadata: { team: "ops" } });
    expect(await t.workos.userManagement.getUserByExternalId("carol-1")).toEqual(user);
    const merged = await t.workos.userManagement.updateUser({ userId: CAROL.id, metadata: { floor: "3" } });
    expect(merged.metadata).toEqual({ team: "ops", floor: "3" });
    const removed = await t.workos.userManagement.updateUser({ userId: CAROL.id, metadata: { team: null } });
    expect(removed.metadata).toEqual({ floor: "3" });
  });

  it("changes the email (unverified unless said otherwise), refusing one another account has", async () => {
    const moved = await t.workos.userManagement.updateUser({ userId: CAROL.id, email: "Carol@New.example" });
    expect(moved).toMatchObject({ email: "carol@new.example", emailVerified: false });
    const taken = await sdkError(t.workos.userManagement.updateUser({ userId: CAROL.id, email: ALICE.email }));
    expect(taken).toMatchObject({ status: 400, rawData: { code: "email_not_available" } });
    const invalid = await sdkError(t.workos.userManagement.updateUser({ userId: CAROL.id, email: "not-an-email" }));
    expect(invalid).toMatchObject({ status: 400, rawData: { code: "invalid_email" } });
  });

  it("sets a new password the hosted sign-in then accepts, refusing a weak one", async () => {
    const weak = await sdkError(t.workos.userManagement.updateUser({ userId: CAROL.id, password: "short" }));
    expect(weak).toBeInstanceOf(GenericServerException);
    expect(weak).toMatchObject({ status: 400, rawData: { code: "password_strength_error" } });
    await t.workos.userManagement.updateUser({ userId: CAROL.id, password: "a-new-long-passphrase" });
    const { url } = t.authorizeUrl();
    const callback = await signInThroughHostedPages(new TestBrowser(APP_ORIGIN), url, { email: CAROL.email, password: "a-new-long-passphrase" });
    expect(callback.searchParams.get("code")).toBeTruthy();
    await expect(signInThroughHostedPages(new TestBrowser(APP_ORIGIN), t.authorizeUrl().url, { email: CAROL.email, password: DEMO_PASSWORD })).rejects.toThrow();
  });

  it("refuses metadata beyond the limits, a used external id, and fields of the wrong type", async () => {
    await t.workos.userManagement.updateUser({ userId: ALICE.id, externalId: "taken" });
    expect(await sdkError(t.workos.userManagement.updateUser({ userId: BOB.id, externalId: "taken" }))).toMatchObject({ status: 400, rawData: { code: "external_id_already_used" } });
    expect(await sdkError(t.workos.userManagement.updateUser({ userId: BOB.id, metadata: { k: "v".repeat(601) } }))).toMatchObject({ status: 400, rawData: { code: "invalid_metadata" } });
    const wrongType = await sdkError(t.workos.userManagement.updateUser({ userId: BOB.id, emailVerified: "yes" as unknown as boolean }));
    expect(wrongType).toBeInstanceOf(UnprocessableEntityException);
    expect(wrongType).toMatchObject({ code: "invalid_request_parameters" });
    expect(await sdkError(t.workos.userManagement.updateUser({ userId: "user_nope", firstName: "X" }))).toBeInstanceOf(NotFoundException);
  });
});

describe("userManagement.deleteUser", () => {
  it("removes the user and their memberships, and ends their sessions", async () => {
    const session = await t.authenticate(BOB.email);
    await t.workos.userManagement.deleteUser(BOB.id);
    expect(await sdkError(t.workos.userManagement.getUser(BOB.id))).toBeInstanceOf(NotFoundException);
    expect((await t.workos.userManagement.listOrganizationMemberships({ organizationId: ACME.id })).data.map((m) => m.userId)).toEqual([ALICE.id]);
    const refused = await refresh(session.refresh_token);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "invalid_grant" });
    expect(await sdkError(t.workos.userManagement.deleteUser(BOB.id))).toBeInstanceOf(NotFoundException);
  });
});
