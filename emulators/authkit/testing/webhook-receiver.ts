import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One POST a webhook receiver got, as it came over the wire. */
export interface ReceivedDelivery {
  /** The raw body, exactly as sent. */
  body: string;
  headers: IncomingHttpHeaders;
  /** The `WorkOS-Signature` header ("" when absent). */
  signature: string;
  /** The status the receiver answered. */
  answered: number;
}

export interface WebhookReceiver {
  /** e.g. http://127.0.0.1:41234/workos/webhook */
  url: string;
  /** Every delivery received so far, in arrival order. */
  received: ReceivedDelivery[];
  /** Resolves with the first delivery (received already or later) that `match` accepts; rejects after `timeoutMs`. */
  waitFor(match?: (delivery: ReceivedDelivery) => boolean, timeoutMs?: number): Promise<ReceivedDelivery>;
  close(): Promise<void>;
}

/**
 * A local HTTP endpoint that records the webhook deliveries it receives, for tests. `answer` picks
 * the status for each request (1-based count of requests so far and the request); default 200.
 */
export async function startWebhookReceiver(o: { path?: string; answer?: (count: number, delivery: Omit<ReceivedDelivery, "answered">) => number } = {}): Promise<WebhookReceiver> {
  const path = o.path ?? "/workos/webhook";
  const received: ReceivedDelivery[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const delivery = { body: Buffer.concat(chunks).toString("utf8"), headers: req.headers, signature: String(req.headers["workos-signature"] ?? "") };
      const answered = req.method === "POST" && req.url === path ? (o.answer?.(received.length + 1, delivery) ?? 200) : 404;
      received.push({ ...delivery, answered });
      res.writeHead(answered, { "Content-Type": "text/plain" }).end(answered < 300 ? "OK" : "nope");
      for (const wake of [...waiters]) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return {
    url,
    received,
    waitFor(match = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No matching webhook delivery within ${timeoutMs} ms; received ${received.length}: ${received.map((d) => d.body.slice(0, 80)).join(" | ")}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
