import { createHmac } from "node:crypto";

/**
 * The `WorkOS-Signature` header of a delivery: `t=<ms>, v1=<hex HMAC-SHA256 of "<t>.<body>">` under
 * the endpoint's secret, as WorkOS signs its webhooks (and as `webhooks.constructEvent` checks).
 */
export function signatureHeader(body: string, secret: string, timestamp = Date.now()): string {
  const hash = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp}, v1=${hash}`;
}
