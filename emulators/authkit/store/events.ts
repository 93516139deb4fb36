import { defineCollection } from "./collection.ts";

/**
 * An event, as `GET /events` and the webhook deliveries carry it. Kept 30 days, as WorkOS keeps
 * them, and at most MAX_EVENTS of them (see events/feed.ts); ids grow with creation time, so an
 * id is a cursor even after its event has been forgotten.
 */
export interface EventRecord {
  /** `event_` + a ULID, strictly increasing in creation order. */
  id: string;
  /** e.g. "user.created". */
  event: string;
  /** The resource's WorkOS shape at the time of the change. */
  data: Record<string, unknown>;
  created_at: string;
  context: Record<string, unknown>;
  /** The organization the event concerns, for `GET /events?organization_id=` (not sent). */
  organization_id: string | null;
}

export const events = defineCollection<EventRecord>()({
  name: "events",
  key: (event) => event.id,
  indexes: {},
});

/** The WorkOS `event` object: the body of a webhook delivery and an item of `GET /events`. */
export function eventResponse(event: EventRecord) {
  return {
    object: "event" as const,
    id: event.id,
    event: event.event,
    data: event.data,
    created_at: event.created_at,
    context: event.context,
  };
}
