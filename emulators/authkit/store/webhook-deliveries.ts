import { defineCollection } from "./collection.ts";

/**
 * A delivery of one event to one endpoint that has not succeeded yet. Kept in data.json so a
 * restart resumes it (at least once); removed once delivered or given up.
 */
export interface WebhookDeliveryRecord {
  /** `<event id>:<endpoint id>`. */
  id: string;
  event_id: string;
  endpoint_id: string;
  /** Attempts made so far. */
  attempts: number;
  /** When the next attempt is due. */
  next_attempt_at: string;
  created_at: string;
}

export const webhookDeliveries = defineCollection<WebhookDeliveryRecord>()({
  name: "webhook_deliveries",
  key: (delivery) => delivery.id,
  indexes: { event_id: { of: (delivery) => delivery.event_id } },
});
