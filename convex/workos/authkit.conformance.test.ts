// @vitest-environment node
// (The local AuthKit is a Node HTTP server; the functions under test only use fetch and Web Crypto.)
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { CAROL, demoIdentity } from "../../emulators/authkit/demo-world";
import { startWebhookReceiver, type WebhookReceiver } from "../../emulators/authkit/testing/webhook-receiver";
import { api } from "../_generated/api";
import { newConvexTest } from "../test.setup";
import { useTestAuthKit } from "../../emulators/authkit/testing/use-test-authkit";

/**
 * Convex's WorkOS calls against the local AuthKit through the real SDK, and the local AuthKit's
 * signed webhooks into Convex's HTTP action: what `npm run dev` runs, with no fake in between.
 */
const SECRET = `whsec_conformance_${"0123456789abcdef".repeat(2)}`;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());
// After the receiver's hooks, so that the server starts after the receiver and closes before it.
const authkit = useTestAuthKit({ server: () => ({ webhooks: [{ url: receiver.url, secret: SECRET }], webhookDelivery: { retryDelayMs: 50, maxRetryDelayMs: 50 } }) });
beforeEach(() => {
  vi.stubEnv("WORKOS_API_URL", authkit.url);
  vi.stubEnv("WORKOS_API_KEY", authkit.server.apiKey);
  vi.stubEnv("WORKOS_WEBHOOK_SECRET", SECRET);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Carol, signed in to `organizationId` as admin, as Convex sees her. */
function carolAdminOf(organizationId: string) {
  const carol = demoIdentity(CAROL);
  return { ...carol, org_id: organizationId, role: "admin", permissions: ["notes:read", "notes:write", "notes:delete", "members:manage"] };
}

describe("Convex ↔ the local AuthKit", () => {
  test("creating an organization makes it in WorkOS with the creator as admin, and mirrors it", async () => {
    const t = newConvexTest();
    const { organizationId } = await t.withIdentity(demoIdentity(CAROL)).action(api.organizations.create, { name: "Initech" });
    const workos = authkit.workos;
    expect(await workos.organizations.getOrganization(organizationId)).toMatchObject({ name: "Initech" });
    const memberships = await workos.userManagement.listOrganizationMemberships({ organizationId });
    expect(memberships.data.map((m) => [m.userId, m.role.slug, m.status])).toEqual([[CAROL.id, "admin", "active"]]);
    const members = await t.withIdentity(carolAdminOf(organizationId)).query(api.members.list, {});
    expect(members).toMatchObject([{ userId: CAROL.id, role: "admin", status: "active", isYou: true }]);
  });

  test("an invitation is sent through WorkOS, found by its token, and refused twice with WorkOS's reason in words", async () => {
    const t = newConvexTest();
    const { organizationId } = await t.withIdentity(demoIdentity(CAROL)).action(api.organizations.create, { name: "Hooli" });
    const admin = t.withIdentity(carolAdminOf(organizationId));
    const invitation = await admin.action(api.invitations.send, { email: "dana@example.com", role: "member" });
    expect(invitation).toMatchObject({ email: "dana@example.com", state: "pending" });
    const [sent] = (await authkit.workos.userManagement.listInvitations({ organizationId })).data;
    expect(sent).toMatchObject({ email: "dana@example.com", state: "pending" });
    expect(await t.action(api.invitations.lookup, { token: sent!.token })).toMatchObject({ status: "pending", email: "dana@example.com", organizationName: "Hooli" });
    expect(await t.action(api.invitations.lookup, { token: "not-a-token" })).toEqual({ status: "unknown" });
    await expect(admin.action(api.invitations.send, { email: "dana@example.com", role: "member" })).rejects.toThrow(/dana@example\.com/);
    expect((await admin.query(api.invitations.listPending, {})).map((i) => i.email)).toEqual(["dana@example.com"]);
  });

  test("the local AuthKit's signed deliveries are accepted by /workos/webhook, once each", async () => {
    const t = newConvexTest();
    await authkit.workos.organizations.createOrganization({ name: "Vandelay" });
    const delivery = await receiver.waitFor((d) => d.body.includes('"organization.created"') && d.body.includes("Vandelay"));
    const post = () =>
      t.fetch("/workos/webhook", { method: "POST", headers: { "Content-Type": "application/json", "WorkOS-Signature": delivery.signature }, body: delivery.body });
    const first = await post();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: "applied" });
    expect(await (await post()).json()).toMatchObject({ outcome: "duplicate" });
    const tampered = await t.fetch("/workos/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json", "WorkOS-Signature": delivery.signature },
      body: delivery.body.replace("Vandelay", "Vandeley"),
    });
    expect(tampered.status).toBe(401);
  });
});
