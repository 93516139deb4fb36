/**
 * Checks a `WorkOS-Signature` header (`t=<ms>, v1=<hex>`) against the raw request body: the hex
 * HMAC-SHA256 of `"<t>.<body>"` under the webhook secret, compared in constant time, with
 * WorkOS's 3-minute tolerance for old timestamps. It works on the body exactly as received:
 * `@workos-inc/node` 8.13's `webhooks.constructEvent` JSON.stringify's its payload first, so it can
 * only verify bodies that survive a parse/stringify round trip (whitespace, `\u003c`-style escapes
 * and key order do not).
 */

/** WorkOS's `Webhooks.constructEvent` default. */
export const SIGNATURE_TOLERANCE_MS = 3 * 60 * 1000;

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

const encoder = new TextEncoder();

function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

/** Hex HMAC-SHA256 of `"<timestamp>.<body>"`: what WorkOS puts after `v1=`. */
export async function computeSignature(timestamp: string, body: string, secret: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), encoder.encode(`${timestamp}.${body}`));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The bytes of a hex string, or null when it is not one. */
function hexBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return null;
  return Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
}

function parseHeader(header: string): { t: string; v1: string } | null {
  let t: string | undefined;
  let v1: string | undefined;
  for (const part of header.split(",")) {
    const [name, ...rest] = part.trim().split("=");
    const value = rest.join("=");
    if (name === "t") t = value;
    else if (name === "v1") v1 = value;
  }
  return t && v1 ? { t, v1 } : null;
}

export async function verifySignature(
  header: string | null,
  rawBody: string,
  secret: string,
  now: number = Date.now(),
): Promise<SignatureCheck> {
  if (header === null || header.trim() === "") return { ok: false, reason: "no WorkOS-Signature header" };
  const parsed = parseHeader(header);
  if (parsed === null) return { ok: false, reason: "the WorkOS-Signature header lacks t= or v1=" };
  if (!/^\d{1,16}$/.test(parsed.t)) return { ok: false, reason: "the WorkOS-Signature timestamp is not a number" };
  const timestamp = Number(parsed.t);
  if (timestamp < now - SIGNATURE_TOLERANCE_MS) {
    return { ok: false, reason: `the signature is ${Math.round((now - timestamp) / 1000)} s old (at most ${SIGNATURE_TOLERANCE_MS / 1000} s)` };
  }
  // Web Crypto's verify compares the MAC in constant time.
  const mac = hexBytes(parsed.v1);
  const matches = mac !== null && (await crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), mac, encoder.encode(`${parsed.t}.${rawBody}`)));
  if (!matches) return { ok: false, reason: "the signature does not match the body" };
  return { ok: true, timestamp };
}
