import { allEndpoints, endpointById, endpointUrlProblem, type Endpoint } from "../../events/endpoints.ts";
import { isWebhookEventName } from "../../events/names.ts";
import { ulid, secretToken } from "../../ids.ts";
import { readFields, type Fields } from "../../http/body.ts";
import type { Ctx } from "../../http/context.ts";
import { HttpError, conflict, notFound } from "../../http/errors.ts";
import { listPage, listParams } from "../../http/list.ts";
import { webhookEndpointResponse, type WebhookEndpointRecord } from "../../store/webhook-endpoints.ts";

/** 422 `invalid_request_parameters`; each error names its field and says what is wrong, as the spec's `errors[]` items do. */
const invalid = (field: string, code: string, message: string) =>
  new HttpError(422, "invalid_request_parameters", message, { errors: [{ field, code, message }] });

function endpointUrl(fields: Fields, required: boolean): string | undefined {
  const value = fields.endpoint_url;
  if (value === undefined || value === null) {
    if (required) throw invalid("endpoint_url", "required", "`endpoint_url` is required.");
    return undefined;
  }
  if (typeof value !== "string") throw invalid("endpoint_url", "invalid_type", "`endpoint_url` must be a string.");
  const problem = endpointUrlProblem(value);
  if (problem) throw new HttpError(422, "invalid_url", problem);
  return value;
}

function eventNames(fields: Fields, required: boolean): string[] | undefined {
  const value = fields.events;
  if (value === undefined || value === null) {
    if (required) throw invalid("events", "required", "`events` is required: the event types the endpoint receives, e.g. [\"user.created\"].");
    return undefined;
  }
  if (!Array.isArray(value) || value.some((name) => typeof name !== "string")) {
    throw invalid("events", "invalid_type", "`events` must be a list of event type names (send a JSON body).");
  }
  const names = [...new Set(value as string[])];
  if (names.length === 0) throw invalid("events", "required", "`events` is empty: name at least one event type.");
  const unknown = names.filter((name) => !isWebhookEventName(name));
  if (unknown.length) throw invalid("events", "unknown_event_type", `Unknown event type ${unknown.map((n) => `"${n}"`).join(", ")}.`);
  return names;
}

function refuseDuplicate(c: Ctx, url: string, self?: string): void {
  if (allEndpoints(c.var.app).some((e) => e.endpoint_url === url && e.id !== self)) {
    throw new HttpError(409, "duplicate_endpoint", `A webhook endpoint for ${url} already exists.`);
  }
}

/** An endpoint that the API may change: not one given at start. */
function changeable(c: Ctx): Endpoint {
  const id = c.req.param("id")!;
  const endpoint = endpointById(c.var.app, id);
  if (!endpoint) throw notFound("Webhook endpoint", id);
  if (endpoint.configured) {
    throw conflict(`Webhook endpoint ${id} (${endpoint.endpoint_url}) was given when the server started (--webhook or the webhooks option): change it there and restart.`);
  }
  return endpoint;
}

/** GET /webhook_endpoints: those given at start, then those made here, paged as every list. */
export function listWebhookEndpoints(c: Ctx): Response {
  return c.json(listPage(allEndpoints(c.var.app), listParams(c), webhookEndpointResponse));
}

/**
 * POST /webhook_endpoints `{ endpoint_url, events, secret? }`: 201 with the endpoint and its secret.
 * `secret` is this emulator's addition (WorkOS always makes one), so a local stack can pin it to
 * the receiver's WORKOS_WEBHOOK_SECRET. A new endpoint receives events from now on, not earlier ones.
 */
export async function createWebhookEndpoint(c: Ctx): Promise<Response> {
  const fields = await readFields(c);
  const url = endpointUrl(fields, true)!;
  const events = eventNames(fields, true)!;
  const secret = fields.secret ?? undefined;
  if (secret !== undefined && (typeof secret !== "string" || secret.length < 8 || secret.length > 256)) {
    throw invalid("secret", "invalid", "`secret` must be a string of 8 to 256 characters.");
  }
  refuseDuplicate(c, url);
  const now = new Date().toISOString();
  const record: WebhookEndpointRecord = {
    id: `we_${ulid()}`,
    endpoint_url: url,
    secret: secret ?? secretToken(24),
    status: "enabled",
    events,
    created_at: now,
    updated_at: now,
  };
  c.var.app.store.webhookEndpoints.insert(record);
  return c.json(webhookEndpointResponse(record), 201);
}

/** PATCH /webhook_endpoints/<id> `{ endpoint_url?, status?, events? }`. */
export async function updateWebhookEndpoint(c: Ctx): Promise<Response> {
  const endpoint = changeable(c);
  const fields = await readFields(c);
  const url = endpointUrl(fields, false);
  const events = eventNames(fields, false);
  const status = fields.status ?? undefined;
  if (status !== undefined && status !== "enabled" && status !== "disabled") {
    throw invalid("status", "invalid", '`status` must be "enabled" or "disabled".');
  }
  if (url !== undefined) refuseDuplicate(c, url, endpoint.id);
  const updated = c.var.app.store.webhookEndpoints.update(endpoint.id, {
    ...(url !== undefined && { endpoint_url: url }),
    ...(events !== undefined && { events }),
    ...(status !== undefined && { status }),
  });
  return c.json(webhookEndpointResponse(updated));
}

/** DELETE /webhook_endpoints/<id>: 204; its pending deliveries go with it. */
export function deleteWebhookEndpoint(c: Ctx): Response {
  const endpoint = changeable(c);
  const { store } = c.var.app;
  store.atomically(() => {
    store.webhookEndpoints.delete(endpoint.id);
    store.webhookDeliveries.deleteWhere((d) => d.endpoint_id === endpoint.id);
  });
  return c.body(null, 204);
}
