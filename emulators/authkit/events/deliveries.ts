import type { Config } from "../config.ts";
import type { Store } from "../store.ts";
import { eventResponse } from "../store/events.ts";
import type { WebhookDeliveryRecord } from "../store/webhook-deliveries.ts";
import { endpointById } from "./endpoints.ts";
import { signatureHeader } from "./signature.ts";

/** How deliveries are retried; `webhookDelivery` in the options. */
export interface DeliveryPolicy {
  /** Attempts per event and endpoint before giving up (WorkOS: up to 12 over 3 days; here minutes). */
  maxAttempts: number;
  /** The wait before the first retry; each further retry waits twice as long… */
  retryDelayMs: number;
  /** …up to this. */
  maxRetryDelayMs: number;
  /** An attempt that has no answer by then failed. */
  timeoutMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { maxAttempts: 8, retryDelayMs: 1000, maxRetryDelayMs: 60_000, timeoutMs: 10_000 };

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))}s`;

/**
 * Sends each pending delivery: a POST of the event as compact JSON (exactly
 * `JSON.stringify(JSON.parse(body))`, so the Node SDK's re-serializing check passes), signed afresh
 * on each attempt. A 2xx answer is delivered; anything else (another status, a redirect, a timeout,
 * no connection) is retried with exponential backoff until `maxAttempts`. Deliveries run
 * concurrently, in no guaranteed order, and never hold up a request. Each attempt's outcome is one
 * log line. Pending deliveries are in data.json: a restart resumes them (an attempt cut short by
 * the shutdown is made again, so an endpoint may receive an event twice: at least once).
 */
export class Deliveries {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();
  private closed = false;

  constructor(
    private readonly app: { store: Store; config: Config },
    private readonly policy: DeliveryPolicy,
  ) {}

  /** Schedules every delivery left pending (by an earlier run of this data folder). */
  resume(): void {
    const pending = this.app.store.webhookDeliveries.list();
    if (pending.length) this.app.config.log(`webhook: resuming ${pending.length} pending deliver${pending.length === 1 ? "y" : "ies"}`);
    for (const delivery of pending) this.schedule(delivery);
  }

  /** Attempts `delivery` when it is due (at once when it is due already). */
  schedule(delivery: WebhookDeliveryRecord): void {
    if (this.closed) return;
    clearTimeout(this.timers.get(delivery.id));
    const wait = Math.max(0, Date.parse(delivery.next_attempt_at) - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(delivery.id);
      const attempt = this.attempt(delivery.id).catch((error: unknown) => {
        // The store could not save the outcome (e.g. the disk is full): say so, the delivery stays pending.
        this.app.config.log(`webhook ${delivery.event_id}: could not record the outcome of a delivery: ${(error as Error).message}`);
      });
      this.inFlight.add(attempt);
      void attempt.finally(() => this.inFlight.delete(attempt));
    }, wait);
    // A retry waiting does not keep the process alive on its own; close() clears them all.
    timer.unref();
    this.timers.set(delivery.id, timer);
  }

  /** Stops: no new attempts, attempts under way are cut short and left pending. Resolves once none is running. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.shutdown.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private async attempt(id: string): Promise<void> {
    const { store, config } = this.app;
    const delivery = store.webhookDeliveries.get(id);
    if (!delivery || this.closed) return;
    const event = store.events.get(delivery.event_id);
    const endpoint = endpointById(this.app, delivery.endpoint_id);
    if (!event || !endpoint || endpoint.status !== "enabled") {
      const why = !event ? "the event is gone" : !endpoint ? "the endpoint was deleted" : "the endpoint is disabled";
      config.log(`webhook ${delivery.event_id} → ${endpoint?.endpoint_url ?? delivery.endpoint_id} dropped: ${why}`);
      store.webhookDeliveries.delete(id);
      return;
    }
    const body = JSON.stringify(eventResponse(event));
    const started = performance.now();
    let outcome: { ok: true; status: number } | { ok: false; reason: string };
    try {
      const response = await fetch(endpoint.endpoint_url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "WorkOS-Signature": signatureHeader(body, endpoint.secret) },
        body,
        redirect: "manual",
        signal: AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(this.policy.timeoutMs)]),
      });
      await response.body?.cancel();
      outcome = response.status >= 200 && response.status < 300 ? { ok: true, status: response.status } : { ok: false, reason: String(response.status) };
    } catch (error) {
      if (this.closed) return;
      const name = (error as Error).name;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      outcome = { ok: false, reason: name === "TimeoutError" ? `no answer in ${seconds(this.policy.timeoutMs)}` : (cause?.code ?? cause?.message ?? (error as Error).message) };
    }
    const took = `${Math.round(performance.now() - started)}ms`;
    const line = `webhook ${event.id} ${event.event} → ${endpoint.endpoint_url}`;
    // A reset (or a deletion) while the request was under way took the delivery with it.
    if (!store.webhookDeliveries.get(id)) return;
    if (outcome.ok) {
      store.webhookDeliveries.delete(id);
      config.requestLog(`${line} ${outcome.status} in ${took}`);
      return;
    }
    const attempts = delivery.attempts + 1;
    if (attempts >= this.policy.maxAttempts) {
      store.webhookDeliveries.delete(id);
      config.log(`${line} failed (${outcome.reason}) in ${took}; gave up after ${attempts} attempt${attempts === 1 ? "" : "s"}`);
      return;
    }
    const wait = Math.min(this.policy.retryDelayMs * 2 ** (attempts - 1), this.policy.maxRetryDelayMs);
    const next = store.webhookDeliveries.update(id, { attempts, next_attempt_at: new Date(Date.now() + wait).toISOString() });
    config.log(`${line} failed (${outcome.reason}) in ${took}, retry ${attempts + 1} in ${seconds(wait)}`);
    this.schedule(next);
  }
}
