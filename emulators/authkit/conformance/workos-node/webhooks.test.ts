import { NotFoundException, SignatureVerificationException, UnprocessableEntityException } from "@workos-inc/node";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startWebhookReceiver, type ReceivedDelivery, type WebhookReceiver } from "../../testing/webhook-receiver.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

// The SDK does not export its ConflictException class; it is known by name and status.
const CONFLICT = { name: "ConflictException", status: 409 };
const SECRET = "whsec_local_test_secret_0123456789";
const FAST = { retryDelayMs: 50, maxRetryDelayMs: 200, timeoutMs: 2000 };

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});
const t = useTestAuthKit({ lifetime: "manual" });
afterEach(() => {
  vi.restoreAllMocks();
});

const eventOf = (delivery: ReceivedDelivery) => JSON.parse(delivery.body) as { id: string; event: string; data: Record<string, unknown> };
const named = (name: string, email?: string) => (d: ReceivedDelivery) => {
  const event = eventOf(d);
  return event.event === name && (email === undefined || event.data.email === email);
};

async function createUser(email: string) {
  const response = await t.post("/_local/users", { email, password: "correct-horse-battery" });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

describe("webhook deliveries, verified by @workos-inc/node's webhooks.constructEvent", () => {
  it("delivers each change as a signed POST that constructEvent accepts, with WorkOS's envelope in compact JSON", async () => {
    receiver = await startWebhookReceiver();
    await t.start({ webhooks: [{ url: receiver.url, secret: SECRET }], webhookDelivery: FAST });
    const user = await createUser("hook@example.com");
    const delivery = await receiver.waitFor(named("user.created", "hook@example.com"));

    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(delivery.signature).toMatch(/^t=\d{13}, v1=[0-9a-f]{64}$/);
    // 8.13's constructEvent re-serializes the parsed payload: it only verifies compact JSON.
    expect(JSON.stringify(JSON.parse(delivery.body))).toBe(delivery.body);
    const event = await t.workos.webhooks.constructEvent({ payload: JSON.parse(delivery.body), sigHeader: delivery.signature, secret: SECRET });
    expect(event).toMatchObject({ event: "user.created", id: expect.stringMatching(/^event_/), data: { id: user.id, email: "hook@example.com", object: "user" } });
    expect(JSON.parse(delivery.body)).toEqual({ object: "event", id: event.id, event: "user.created", data: expect.any(Object), created_at: expect.any(String), context: {} });

    // The same id as the Events API gives it.
    const listed = await t.workos.events.listEvents({ events: ["user.created"] });
    expect(listed.data.map((e) => e.id)).toContain(event.id);
    expect(t.logs.some((line) => new RegExp(`^webhook ${event.id} user\\.created → ${receiver!.url} 200 in \\d+ms$`).test(line))).toBe(true);
  });

  it("refuses a tampered body, a wrong secret and a stale timestamp", async () => {
    receiver = await startWebhookReceiver();
    await t.start({ webhooks: [{ url: receiver.url, secret: SECRET }], webhookDelivery: FAST });
    await createUser("tamper@example.com");
    const delivery = await receiver.waitFor(named("user.created", "tamper@example.com"));
    const workos = t.workos;
    const payload = JSON.parse(delivery.body) as { data: { email: string } };

    const tampered = { ...payload, data: { ...payload.data, email: "mallory@example.com" } };
    await expect(workos.webhooks.constructEvent({ payload: tampered, sigHeader: delivery.signature, secret: SECRET })).rejects.toBeInstanceOf(SignatureVerificationException);
    await expect(workos.webhooks.constructEvent({ payload, sigHeader: delivery.signature, secret: `${SECRET}x` })).rejects.toBeInstanceOf(SignatureVerificationException);
    // Four minutes later the same delivery is older than the SDK's 3-minute tolerance.
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 4 * 60 * 1000);
    await expect(workos.webhooks.constructEvent({ payload, sigHeader: delivery.signature, secret: SECRET })).rejects.toThrow("Timestamp outside the tolerance zone");
    vi.restoreAllMocks();
    await expect(workos.webhooks.constructEvent({ payload, sigHeader: delivery.signature, secret: SECRET })).resolves.toMatchObject({ event: "user.created" });
  });

  it("retries a failing endpoint (500, 500, then 200) with backoff, signing each attempt afresh, and logs each outcome", async () => {
    receiver = await startWebhookReceiver({ answer: (count) => (count <= 2 ? 500 : 200) });
    await t.start({ webhooks: [{ url: receiver.url, secret: SECRET, events: ["organization.created"] }], webhookDelivery: FAST });
    await t.post("/_local/organizations", { name: "Retry Inc" });
    await receiver.waitFor((d) => d.answered === 200);

    expect(receiver.received.map((d) => d.answered)).toEqual([500, 500, 200]);
    const ids = receiver.received.map((d) => eventOf(d).id);
    expect(new Set(ids).size).toBe(1);
    expect(new Set(receiver.received.map((d) => d.body)).size).toBe(1);
    for (const d of receiver.received) {
      await expect(t.workos.webhooks.constructEvent({ payload: JSON.parse(d.body), sigHeader: d.signature, secret: SECRET })).resolves.toMatchObject({ id: ids[0] });
    }
    const lines = t.logs.filter((line) => line.startsWith(`webhook ${ids[0]}`));
    expect(lines).toEqual([
      expect.stringMatching(/organization\.created → .* failed \(500\) in \d+ms, retry 2 in 0\.05s$/),
      expect.stringMatching(/failed \(500\) in \d+ms, retry 3 in 0\.1s$/),
      expect.stringMatching(/ 200 in \d+ms$/),
    ]);
  });

  it("gives up after the configured attempts", async () => {
    receiver = await startWebhookReceiver({ answer: () => 503 });
    await t.start({ webhooks: [{ url: receiver.url, secret: SECRET }], webhookDelivery: { ...FAST, maxAttempts: 3 } });
    await createUser("down@example.com");
    await expect.poll(() => t.logs.some((line) => /failed \(503\) in \d+ms; gave up after 3 attempts$/.test(line)), { timeout: 10_000 }).toBe(true);
    expect(receiver.received.filter(named("user.created", "down@example.com"))).toHaveLength(3);
  });

  it("does not hold up a request for an endpoint that never answers, and times the attempt out", async () => {
    const hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`;
      await t.start({ webhooks: [{ url, secret: SECRET }], webhookDelivery: { ...FAST, timeoutMs: 2000, maxAttempts: 1 } });
      const started = performance.now();
      await createUser("hanging@example.com");
      expect(performance.now() - started).toBeLessThan(2000);
      await expect.poll(() => t.logs.some((line) => line.includes(`→ ${url} failed (no answer in 2s)`) && line.endsWith("gave up after 1 attempt")), { timeout: 10_000 }).toBe(true);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it("sends an endpoint only the events it subscribed to", async () => {
    receiver = await startWebhookReceiver();
    await t.start({ webhooks: [{ url: receiver.url, secret: SECRET, events: ["organization.created"] }], webhookDelivery: FAST });
    await createUser("not-sent@example.com");
    await t.post("/_local/organizations", { name: "Sent Org" });
    await receiver.waitFor(named("organization.created"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received.map((d) => eventOf(d).event)).toEqual(["organization.created"]);
  });

  it("keeps a pending delivery across a restart of the same data folder (at least once)", async () => {
    let up = false;
    receiver = await startWebhookReceiver({ answer: () => (up ? 200 : 500) });
    const options = { dataDir: t.dataDir, webhooks: [{ url: receiver.url, secret: SECRET, events: ["user.created"] }] };
    await t.start({ ...options, webhookDelivery: { retryDelayMs: 60_000 } });
    await createUser("restart@example.com");
    await receiver.waitFor((d) => d.answered === 500);
    await t.server.close();

    up = true;
    await t.start({ ...options, webhookDelivery: FAST });
    const delivery = await receiver.waitFor((d) => d.answered === 200);
    expect(eventOf(delivery)).toMatchObject({ event: "user.created", data: { email: "restart@example.com" } });
    expect(t.logs).toContain("webhook: resuming 1 pending delivery");
  });

  it("announces invitations sent, resent, revoked and accepted without their token or link, and leaves no secret in any delivery", async () => {
    receiver = await startWebhookReceiver();
    await t.start({ webhooks: [{ url: receiver.url, secret: SECRET }], webhookDelivery: FAST });
    const workos = t.workos;
    const invited = await workos.userManagement.sendInvitation({ email: "invitee@example.com", organizationId: "org_acme" });
    await workos.userManagement.resendInvitation(invited.id);
    await workos.userManagement.revokeInvitation(invited.id);
    const carol = await workos.userManagement.sendInvitation({ email: "carol@example.com", organizationId: "org_globex", roleSlug: "admin" });
    await workos.userManagement.acceptInvitation(carol.id);
    await t.authenticate("bob@example.com");
    await receiver.waitFor(named("session.created"));
    await receiver.waitFor(named("organization_membership.created"));

    const invitationEvents = receiver.received.map(eventOf).filter((e) => e.event.startsWith("invitation."));
    expect(invitationEvents.map((e) => [e.event, e.data.id, e.data.state]).sort()).toEqual(
      [
        ["invitation.accepted", carol.id, "accepted"],
        ["invitation.created", carol.id, "pending"],
        ["invitation.created", invited.id, "pending"],
        ["invitation.resent", invited.id, "pending"],
        ["invitation.revoked", invited.id, "revoked"],
      ].sort(),
    );
    for (const d of receiver.received) {
      expect(d.body).not.toMatch(/"(token|code|accept_invitation_url|password_hash|refresh_token|access_token)"/);
      expect(d.body).not.toContain(invited.token);
      expect(d.body).not.toContain(carol.token);
      await expect(workos.webhooks.constructEvent({ payload: JSON.parse(d.body), sigHeader: d.signature, secret: SECRET })).resolves.toBeDefined();
    }
  });
});

describe("webhook endpoints API (through the SDK's generic client: 8.13 has no webhook-endpoint methods)", () => {
  it("creates an endpoint that then receives events; updates, disables and deletes it", async () => {
    receiver = await startWebhookReceiver();
    await t.start({ webhookDelivery: FAST });
    const workos = t.workos;
    const { data: created } = await workos.post<{ id: string; secret: string; status: string; events: string[] }>("/webhook_endpoints", {
      endpoint_url: receiver.url,
      events: ["user.created"],
      secret: SECRET,
    });
    expect(created).toMatchObject({ object: "webhook_endpoint", endpoint_url: receiver.url, secret: SECRET, status: "enabled", events: ["user.created"] });
    expect(created.id).toMatch(/^we_/);

    await createUser("api-hook@example.com");
    const delivery = await receiver.waitFor(named("user.created", "api-hook@example.com"));
    await expect(workos.webhooks.constructEvent({ payload: JSON.parse(delivery.body), sigHeader: delivery.signature, secret: SECRET })).resolves.toBeDefined();

    const { data: listed } = await workos.get<{ data: { id: string }[] }>("/webhook_endpoints");
    expect(listed.data.map((e) => e.id)).toEqual([created.id]);

    const { data: disabled } = await workos.patch<{ status: string; events: string[] }>(`/webhook_endpoints/${created.id}`, { status: "disabled", events: ["user.created", "user.deleted"] });
    expect(disabled).toMatchObject({ status: "disabled", events: ["user.created", "user.deleted"] });
    await createUser("not-delivered@example.com");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.received.some(named("user.created", "not-delivered@example.com"))).toBe(false);

    await workos.delete(`/webhook_endpoints/${created.id}`);
    await expect(workos.patch(`/webhook_endpoints/${created.id}`, { status: "enabled" })).rejects.toBeInstanceOf(NotFoundException);
    await expect(workos.delete(`/webhook_endpoints/${created.id}`)).rejects.toBeInstanceOf(NotFoundException);
  });

  it("generates a secret when none is given, and pages the list", async () => {
    await t.start();
    const workos = t.workos;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { data } = await workos.post<{ id: string; secret: string }>("/webhook_endpoints", { endpoint_url: `https://hooks.example.com/${i}`, events: ["user.created"] });
      expect(data.secret.length).toBeGreaterThanOrEqual(24);
      ids.push(data.id);
    }
    const first = await workos.get<{ data: { id: string }[]; list_metadata: { after: string | null } }>("/webhook_endpoints", { query: { limit: 2, order: "asc" } });
    expect(first.data.data.map((e) => e.id)).toEqual(ids.slice(0, 2));
    const second = await workos.get<{ data: { id: string }[]; list_metadata: { after: string | null } }>("/webhook_endpoints", { query: { limit: 2, order: "asc", after: first.data.list_metadata.after } });
    expect(second.data.data.map((e) => e.id)).toEqual(ids.slice(2));
    expect(second.data.list_metadata.after).toBeNull();
  });

  it("refuses a duplicate URL (409 duplicate_endpoint), a non-HTTPS URL (422 invalid_url) and unknown or missing events (422)", async () => {
    await t.start({ webhooks: [{ url: "https://configured.example.com/hook", secret: SECRET }] });
    const workos = t.workos;
    await workos.post("/webhook_endpoints", { endpoint_url: "https://hooks.example.com/a", events: ["user.created"] });
    // The SDK's ConflictException keeps no `code`: the body is read as it comes.
    for (const url of ["https://hooks.example.com/a", "https://configured.example.com/hook"]) {
      const response = await t.post("/webhook_endpoints", { endpoint_url: url, events: ["user.created"] }, { Authorization: `Bearer ${t.server.apiKey}` });
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({ code: "duplicate_endpoint", message: `A webhook endpoint for ${url} already exists.` });
    }
    await expect(workos.post("/webhook_endpoints", { endpoint_url: "https://hooks.example.com/a", events: ["user.created"] })).rejects.toMatchObject(CONFLICT);
    for (const url of ["http://hooks.example.com/a", "ftp://localhost/a", "not a url", "https://user:pw@hooks.example.com/"]) {
      await expect(workos.post("/webhook_endpoints", { endpoint_url: url, events: ["user.created"] })).rejects.toMatchObject({ status: 422, code: "invalid_url" });
    }
    const unknown = workos.post("/webhook_endpoints", { endpoint_url: "https://hooks.example.com/b", events: ["user.created", "user.exploded"] });
    await expect(unknown).rejects.toBeInstanceOf(UnprocessableEntityException);
    // The SDK keeps the errors' codes in its message.
    await expect(unknown).rejects.toMatchObject({ code: "invalid_request_parameters", message: expect.stringContaining("unknown_event_type") });
    for (const body of [{ endpoint_url: "https://hooks.example.com/b" }, { endpoint_url: "https://hooks.example.com/b", events: [] }, { endpoint_url: "https://hooks.example.com/b", events: "user.created" }, { events: ["user.created"] }, { endpoint_url: 42, events: ["user.created"] }]) {
      await expect(workos.post("/webhook_endpoints", body)).rejects.toMatchObject({ status: 422, code: "invalid_request_parameters" });
    }
    const { data: list } = await workos.get<{ data: { endpoint_url: string }[] }>("/webhook_endpoints", { query: { order: "asc" } });
    expect(list.data.map((e) => e.endpoint_url)).toEqual(["https://configured.example.com/hook", "https://hooks.example.com/a"]);
  });

  it("takes http:// only for this machine, refuses a bad status, and keeps endpoints given at start out of the API's reach", async () => {
    await t.start({ webhooks: [{ url: "http://127.0.0.1:3211/workos/webhook", secret: SECRET }] });
    const workos = t.workos;
    for (const url of ["http://localhost:3211/a", "http://127.0.0.1/b", "http://[::1]:9/c"]) {
      await expect(workos.post("/webhook_endpoints", { endpoint_url: url, events: ["user.created"] })).resolves.toMatchObject({ data: { endpoint_url: url } });
    }
    const { data: list } = await workos.get<{ data: { id: string; endpoint_url: string; events: string[] }[] }>("/webhook_endpoints", { query: { order: "asc" } });
    const configured = list.data[0]!;
    expect(configured).toMatchObject({ endpoint_url: "http://127.0.0.1:3211/workos/webhook", status: "enabled" });
    expect(configured.events).toEqual(expect.arrayContaining(["user.created", "organization_membership.updated", "session.created"]));
    await expect(workos.patch(`/webhook_endpoints/${configured.id}`, { status: "disabled" })).rejects.toMatchObject(CONFLICT);
    await expect(workos.delete(`/webhook_endpoints/${configured.id}`)).rejects.toMatchObject(CONFLICT);
    const mine = list.data[1]!;
    await expect(workos.patch(`/webhook_endpoints/${mine.id}`, { status: "paused" })).rejects.toMatchObject({ status: 422, code: "invalid_request_parameters" });
    await expect(workos.patch(`/webhook_endpoints/${mine.id}`, { endpoint_url: "http://localhost:3211/a".replace("/a", "/b") })).resolves.toBeDefined();
    await expect(workos.patch(`/webhook_endpoints/${mine.id}`, { endpoint_url: "http://127.0.0.1/b" })).rejects.toMatchObject(CONFLICT);
  });
});
