import type { Area } from "../../http/routes.ts";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints, updateWebhookEndpoint } from "./webhook-endpoints.ts";

export const webhookEndpointsArea: Area = {
  name: "webhook-endpoints",
  register(r) {
    r.api("GET", "/webhook_endpoints", listWebhookEndpoints);
    r.api("POST", "/webhook_endpoints", createWebhookEndpoint);
    r.api("PATCH", "/webhook_endpoints/:id", updateWebhookEndpoint);
    r.api("DELETE", "/webhook_endpoints/:id", deleteWebhookEndpoint);
  },
};
