import { isEventName } from "../../events/names.ts";
import type { Ctx } from "../../http/context.ts";
import { HttpError, invalidField } from "../../http/errors.ts";
import { arrayParam, listPage, listParams } from "../../http/list.ts";
import { eventResponse, type EventRecord } from "../../store/events.ts";

const EVENT_ID = /^event_[0-9A-HJKMNP-TV-Z]{26}$/;

function timeParam(c: Ctx, name: "range_start" | "range_end"): number | undefined {
  const value = c.req.query(name);
  if (value === undefined || value === "") return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw invalidField(name, `${name} must be an ISO-8601 date, e.g. 2025-01-01T00:00:00Z; got "${value}".`);
  return time;
}

/**
 * GET /events: the events of the last 30 days, as `workos.events.listEvents` asks for them.
 * - `events` (comma-joined names) is required: the SDK's options type requires it and the spec's
 *   422 example names it `required`; an unknown name is a 422 too.
 * - `range_start` / `range_end` (ISO-8601) bound `created_at`, both inclusive.
 * - `organization_id` keeps the events about that organization (its own, its memberships', invitations' and
 *   sessions'); one that names no organization, now or in a kept event, is a 400 as in the spec.
 * - Oldest first unless `order` is given: the Events API is a stream read forward with an `after`
 *   cursor (WorkOS's data-syncing guide; the Convex component pages that way). The shared list
 *   default (newest first) would hand such a reader the newest page and skip the rest.
 * - `after` / `before` take any event id, also one outside the filter or already forgotten: ids
 *   grow with time, so the cursor is a position in the stream, not a record that must still exist.
 */
export function listEvents(c: Ctx): Response {
  const { store } = c.var.app;
  const params = listParams(c);
  if (!c.req.query("order")) params.order = "asc";
  const names = arrayParam(c, "events") ?? [];
  if (names.length === 0) throw invalidField("events", "`events` is required: name the event types to list, comma-joined (e.g. events=user.created,user.updated).", "required");
  const unknown = names.filter((name) => !isEventName(name));
  if (unknown.length) throw invalidField("events", `Unknown event type ${unknown.map((n) => `"${n}"`).join(", ")}.`, "unknown_event_type");
  const start = timeParam(c, "range_start");
  const end = timeParam(c, "range_end");
  if (start !== undefined && end !== undefined && start > end) throw invalidField("range_start", "range_start is after range_end.");
  const organizationId = c.req.query("organization_id") || undefined;
  if (organizationId && !store.organization(organizationId) && !store.events.list().some((e) => e.organization_id === organizationId)) {
    throw new HttpError(400, "entity_not_found", `Organization not found: '${organizationId}'.`, { entity_id: organizationId });
  }
  const cursor = params.after ?? params.before;
  if (cursor !== undefined && !EVENT_ID.test(cursor)) {
    throw invalidField(params.after !== undefined ? "after" : "before", `"${cursor}" is not an event id (event_…).`);
  }
  const wanted = new Set(names);
  const matching: Pick<EventRecord, "id">[] = store.events.list((e) => {
    const time = Date.parse(e.created_at);
    return (
      e.id !== cursor &&
      wanted.has(e.event) &&
      (start === undefined || time >= start) &&
      (end === undefined || time <= end) &&
      (organizationId === undefined || e.organization_id === organizationId)
    );
  });
  // The cursor's place in the stream (ids sort in creation order), so listPage pages on from it.
  if (cursor !== undefined) {
    const at = matching.findIndex((e) => e.id > cursor);
    matching.splice(at < 0 ? matching.length : at, 0, { id: cursor });
  }
  // Only real events reach the page: the cursor itself is never in it.
  return c.json(listPage(matching, params, (e) => eventResponse(e as EventRecord)));
}
