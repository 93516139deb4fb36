import type { Config } from "../config.ts";
import { ulid } from "../ids.ts";
import type { Store } from "../store.ts";
import type { EventRecord } from "../store/events.ts";
import type { WebhookDeliveryRecord } from "../store/webhook-deliveries.ts";
import { allEndpoints, subscribes } from "./endpoints.ts";
import { eventsOf, type EventDraft } from "./sources.ts";

/** WorkOS keeps events 30 days. */
export const EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** And this server at most this many, so data.json (written whole on every change) stays small. */
export const MAX_EVENTS = 2000;

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The ULID after `id`'s (the same time, the random part plus one). */
function increment(id: string): string {
  const chars = id.split("");
  for (let i = chars.length - 1; i >= 0; i--) {
    const next = CROCKFORD.indexOf(chars[i]!) + 1;
    if (next < CROCKFORD.length) {
      chars[i] = CROCKFORD[next]!;
      return chars.join("");
    }
    chars[i] = "0";
  }
  throw new Error(`No ULID follows ${id}`);
}

/**
 * Event ids grow strictly in creation order (a ULID alone does not within one millisecond), so
 * `after=<id>` pages on correctly even from an event that has since been forgotten.
 */
export function nextEventId(previous: string | undefined, now = Date.now()): string {
  const candidate = ulid(now);
  const last = previous?.slice("event_".length);
  return `event_${last && candidate <= last ? increment(last) : candidate}`;
}

export interface Feed {
  stop(): void;
}

/**
 * Turns every saved change WorkOS would announce into events (events/sources.ts), and each event
 * into a pending delivery per subscribed endpoint, in one save: an event is never recorded without
 * its deliveries. `onDeliveries` hears the new deliveries once saved. The change hooks run after
 * the change itself is saved, so an event is a second save: a crash between the two loses the event.
 */
export function startEventFeed(app: { store: Store; config: Config }, onDeliveries: (deliveries: WebhookDeliveryRecord[]) => void): Feed {
  const { store } = app;
  let lastId = store.events.list().at(-1)?.id;
  const record = (drafts: EventDraft[]) => {
    const now = Date.now();
    const created: WebhookDeliveryRecord[] = [];
    store.atomically(() => {
      prune(store, now);
      const endpoints = allEndpoints(app);
      for (const draft of drafts) {
        const id = nextEventId(lastId, now);
        const event: EventRecord = {
          id,
          event: draft.event,
          data: draft.data,
          created_at: new Date(now).toISOString(),
          // WorkOS puts the actor (dashboard, API, …) here when it knows one; this server does not.
          context: {},
          organization_id: draft.organizationId,
        };
        store.events.insert(event);
        lastId = id;
        for (const endpoint of endpoints.filter((e) => subscribes(e, draft.event))) {
          created.push(
            store.webhookDeliveries.insert({
              id: `${id}:${endpoint.id}`,
              event_id: id,
              endpoint_id: endpoint.id,
              attempts: 0,
              next_attempt_at: event.created_at,
              created_at: event.created_at,
            }),
          );
        }
      }
    });
    if (created.length) onDeliveries(created.map((d) => ({ ...d })));
  };
  const stop = store.onChange((change) => {
    const drafts = eventsOf(change, store);
    if (drafts.length) record(drafts);
  });
  return { stop };
}

/** Forgets events older than 30 days and the oldest beyond MAX_EVENTS, with their pending deliveries. */
function prune(store: Store, now: number): void {
  const all = store.events.list();
  const cutoff = now - EVENT_RETENTION_MS;
  const overflow = Math.max(0, all.length + 1 - MAX_EVENTS);
  const gone = new Set(all.filter((e, i) => i < overflow || Date.parse(e.created_at) < cutoff).map((e) => e.id));
  if (!gone.size) return;
  store.events.deleteWhere((e) => gone.has(e.id));
  store.webhookDeliveries.deleteWhere((d) => gone.has(d.event_id));
}
