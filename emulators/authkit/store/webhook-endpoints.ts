import { defineCollection } from "./collection.ts";

/** A webhook endpoint made through `POST /webhook_endpoints` (those given at start are not stored: see events/endpoints.ts). */
export interface WebhookEndpointRecord {
  /** `we_` + a ULID. */
  id: string;
  endpoint_url: string;
  /** Signs every delivery (HMAC-SHA256); shown in full, as WorkOS's API answers it. */
  secret: string;
  status: "enabled" | "disabled";
  /** The event names it receives. */
  events: string[];
  created_at: string;
  updated_at: string;
}

export const webhookEndpoints = defineCollection<WebhookEndpointRecord>()({
  name: "webhook_endpoints",
  key: (endpoint) => endpoint.id,
  indexes: { endpoint_url: { of: (endpoint) => endpoint.endpoint_url, unique: true } },
});

/** The WorkOS `webhook_endpoint` object. */
export function webhookEndpointResponse(endpoint: WebhookEndpointRecord) {
  return {
    object: "webhook_endpoint" as const,
    id: endpoint.id,
    endpoint_url: endpoint.endpoint_url,
    secret: endpoint.secret,
    status: endpoint.status,
    events: endpoint.events,
    created_at: endpoint.created_at,
    updated_at: endpoint.updated_at,
  };
}
