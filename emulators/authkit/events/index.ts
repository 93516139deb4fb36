import type { Config } from "../config.ts";
import type { Store } from "../store.ts";
import { Deliveries } from "./deliveries.ts";
import { startEventFeed } from "./feed.ts";

export interface EventsService {
  /** Schedules the deliveries an earlier run left pending (in data.json). */
  resume(): void;
  /** Stops recording and delivering; resolves once no delivery is under way. Pending ones stay in data.json. */
  close(): Promise<void>;
}

/**
 * Starts the events feed (saved changes → events → pending deliveries) and the webhook deliveries;
 * `resume()` then sends those an earlier run left pending. `app.config` is read on every use, so the server may
 * replace it once its port is known.
 */
export function startEvents(app: { store: Store; config: Config }): EventsService {
  const deliveries = new Deliveries(app, app.config.webhookDelivery);
  const feed = startEventFeed(app, (created) => created.forEach((delivery) => deliveries.schedule(delivery)));
  return {
    resume: () => deliveries.resume(),
    async close() {
      feed.stop();
      await deliveries.close();
    },
  };
}
