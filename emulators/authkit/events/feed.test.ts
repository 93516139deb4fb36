import { afterEach, describe, expect, it } from "vitest";
import { resolveConfig } from "../config.ts";
import { DEMO_SEED_FILE } from "../seed.ts";
import { Store } from "../store.ts";
import { MAX_EVENTS, nextEventId, startEventFeed, type Feed } from "./feed.ts";
import { isWebhookEventName } from "./names.ts";
import { EVENT_SOURCES, eventsOf } from "./sources.ts";

let feed: Feed | undefined;
afterEach(() => {
  feed?.stop();
  feed = undefined;
});

async function fed(webhooks: { url: string; secret: string; events?: string[] }[] = []) {
  const store = await Store.open(null, DEMO_SEED_FILE);
  const app = { store, config: resolveConfig({ log: false, webhooks }, 4100) };
  const scheduled: string[] = [];
  feed = startEventFeed(app, (deliveries) => scheduled.push(...deliveries.map((d) => d.id)));
  return { store, scheduled };
}

const names = (store: Store) => store.events.list().map((e) => e.event);

describe("the events feed (saved changes → events)", () => {
  it("gives event ids that grow strictly, even many in one millisecond and after a later clock", () => {
    let last: string | undefined;
    const now = Date.now();
    for (let i = 0; i < 500; i++) {
      const id = nextEventId(last, now);
      expect(id).toMatch(/^event_[0-9A-HJKMNP-TV-Z]{26}$/);
      if (last) expect(id > last).toBe(true);
      last = id;
    }
    // A clock that went back does not make an id that sorts before the last one.
    expect(nextEventId(last, now - 60_000) > last!).toBe(true);
  });

  it("announces created, updated and deleted records with their WorkOS shape, and nothing for internal collections", async () => {
    const { store } = await fed();
    const user = store.createUser({ email: "feed@example.com", passwordHash: null });
    store.updateUser(user.id, { email_verified: true });
    store.issueCode("feed@example.com", "email_verification");
    const session = store.createSession(user.id, null);
    store.issueRefreshToken(session.id);
    store.setSessionOrganization(session.id, "org_acme");
    store.endSession(session.id);
    store.users.delete(user.id);
    expect(names(store)).toEqual(["user.created", "user.updated", "session.created", "session.revoked", "user.deleted"]);
    const [created, updated] = store.events.list();
    expect(created!.data).toMatchObject({ object: "user", email: "feed@example.com", email_verified: false });
    expect(created!.data).not.toHaveProperty("password_hash");
    expect(updated!.data).toMatchObject({ email_verified: true });
  });

  it("records nothing for a change that was undone", async () => {
    const { store } = await fed();
    expect(() =>
      store.atomically(() => {
        store.createOrganization("Undone");
        throw new Error("no");
      }),
    ).toThrow("no");
    expect(names(store)).toEqual([]);
  });

  it("makes a pending delivery for each subscribed endpoint, in the same save as its event", async () => {
    const { store, scheduled } = await fed([
      { url: "https://all.example.com/hook", secret: "s1" },
      { url: "https://orgs.example.com/hook", secret: "s2", events: ["organization.created"] },
    ]);
    store.createOrganization("Hooked");
    store.createUser({ email: "hooked@example.com", passwordHash: null });
    const [org, user] = store.events.list();
    const deliveries = store.webhookDeliveries.list();
    expect(deliveries.map((d) => d.event_id)).toEqual([org!.id, org!.id, user!.id]);
    expect(scheduled).toEqual(deliveries.map((d) => d.id));
  });

  it(`keeps at most ${MAX_EVENTS} events and none older than 30 days, forgetting the oldest first`, async () => {
    const { store } = await fed();
    const old = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000).toISOString();
    store.atomically(() => {
      for (let i = 0; i < MAX_EVENTS; i++) {
        store.events.insert({ id: nextEventId(store.events.list().at(-1)?.id), event: "user.created", data: {}, created_at: i === 0 ? old : new Date().toISOString(), context: {}, organization_id: null });
      }
    });
    const [first, second] = store.events.list();
    store.createOrganization("One more");
    const ids = store.events.list().map((e) => e.id);
    expect(ids).toHaveLength(MAX_EVENTS);
    expect(ids).not.toContain(first!.id);
    expect(ids).toContain(second!.id);
  });

  it("emits only event names WorkOS has", async () => {
    const store = await Store.open(null, DEMO_SEED_FILE);
    expect([...EVENT_SOURCES.keys()].sort()).toEqual(["connections", "directories", "directory_group_members", "directory_groups", "directory_users", "invitations", "memberships", "organizations", "sessions", "users"]);
    const record = { id: "x", organization_id: "org_x", user_id: "u", created_at: "", updated_at: "", ended_at: "t", authentication_method: "Password", role: "member", name: "n", email: "e", state: "active", domains: [] };
    for (const collection of EVENT_SOURCES.keys()) {
      for (const change of [
        { collection, kind: "created" as const, before: null, after: record },
        { collection, kind: "updated" as const, before: { ...record, ended_at: null, name: "m" }, after: record },
        { collection, kind: "deleted" as const, before: record, after: null },
      ]) {
        for (const draft of eventsOf(change, store)) expect(isWebhookEventName(draft.event)).toBe(true);
      }
    }
  });
});
