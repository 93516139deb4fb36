import { internal } from "../_generated/api";
import { httpAction } from "../_generated/server";
import { MISSING_WEBHOOK_SECRET, workosWebhookSecret } from "../config";
import { verifySignature } from "./signature";

/** Larger bodies are refused before they are hashed: WorkOS events are a few kilobytes. */
const MAX_BODY_BYTES = 1_000_000;

/** The event's `created_at` in ms, when it has a readable one (it orders events without `updated_at`). */
function createdAtOf(envelope: { created_at?: unknown }): number | undefined {
  const t = typeof envelope.created_at === "string" ? Date.parse(envelope.created_at) : NaN;
  return Number.isNaN(t) ? undefined : t;
}

function isEnvelope(body: unknown): body is { id: string; event: string; data: unknown; created_at?: unknown } {
  if (typeof body !== "object" || body === null) return false;
  const { id, event, data } = body as Record<string, unknown>;
  return typeof id === "string" && id !== "" && typeof event === "string" && typeof data === "object" && data !== null;
}

/**
 * `POST /workos/webhook`: WorkOS's deliveries into the mirror. The signature is checked on the
 * body as received, before anything is parsed; a bad, missing or stale one gets 401 and nothing
 * is written. A verified event is applied once (by event id) and answered 200, also when it was
 * a redelivery, stale, or of a type the mirror does not follow, so WorkOS stops retrying it.
 */
export const workosWebhook = httpAction(async (ctx, request) => {
  const secret = workosWebhookSecret();
  if (secret === null) {
    console.error(MISSING_WEBHOOK_SECRET);
    return new Response("Webhook secret not configured", { status: 500 });
  }
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) return new Response("Payload too large", { status: 413 });
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return new Response("Payload too large", { status: 413 });

  const check = await verifySignature(request.headers.get("workos-signature"), body, secret);
  if (!check.ok) {
    console.warn(`WorkOS webhook refused: ${check.reason}.`);
    return new Response("Invalid signature", { status: 401 });
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    envelope = null;
  }
  if (!isEnvelope(envelope)) {
    console.error("WorkOS webhook: a signed body that is not a WorkOS event ({id, event, data}).");
    return new Response("Not a WorkOS event", { status: 400 });
  }
  const outcome = await ctx.runMutation(internal.workos.mirror.applyEvent, {
    eventId: envelope.id,
    event: envelope.event,
    data: envelope.data,
    createdAt: createdAtOf(envelope),
  });
  if (outcome === "malformed") return new Response("Event data not understood", { status: 422 });
  return Response.json({ outcome });
});
