import { WorkOS } from "@workos-inc/node";
import { describe, expect, test } from "vitest";
import { computeSignature, SIGNATURE_TOLERANCE_MS, verifySignature } from "./signature";

const SECRET = "whsec_test_secret";
const sdk = new WorkOS("sk_test_signature");

describe("webhook signatures", () => {
  test.each([
    ['{"id":"event_1","event":"user.created","data":{"id":"user_1"}}'],
    ['{"id":"event_2","event":"organization.updated","data":{"name":"Ünïcode & <Acme>"}}'],
    ["{}"],
  ])("the hex equals @workos-inc/node's computeSignature for the compact body %s", async (body) => {
    const t = "1767225600000";
    expect(await computeSignature(t, body, SECRET)).toBe(await sdk.webhooks.computeSignature(t, JSON.parse(body), SECRET));
  });

  test("a body that does not round-trip through JSON still verifies (the SDK's constructEvent cannot)", async () => {
    const body = '{ "id": "event_1",\n  "event": "user.created", "data": {"name": "\\u003cb\\u003e"} }';
    const now = Date.now();
    const header = `t=${now}, v1=${await computeSignature(String(now), body, SECRET)}`;
    expect(await verifySignature(header, body, SECRET, now)).toEqual({ ok: true, timestamp: now });
    await expect(sdk.webhooks.constructEvent({ payload: JSON.parse(body), sigHeader: header, secret: SECRET })).rejects.toThrow();
  });

  test("refuses a missing, malformed, tampered, wrong-secret or stale signature", async () => {
    const body = '{"id":"event_1"}';
    const now = Date.now();
    const v1 = await computeSignature(String(now), body, SECRET);
    const reasons = async (header: string | null, b = body, secret = SECRET, at = now) => {
      const check = await verifySignature(header, b, secret, at);
      return check.ok ? "ok" : check.reason;
    };
    expect(await reasons(`t=${now}, v1=${v1}`)).toBe("ok");
    expect(await reasons(`t=${now},v1=${v1.toUpperCase()}`)).toBe("ok");
    expect(await reasons(null)).toMatch(/no WorkOS-Signature/);
    expect(await reasons(`v1=${v1}`)).toMatch(/lacks t= or v1=/);
    expect(await reasons(`t=soon, v1=${v1}`)).toMatch(/not a number/);
    expect(await reasons(`t=${now}, v1=${v1}`, '{"id":"event_2"}')).toMatch(/does not match/);
    expect(await reasons(`t=${now}, v1=${v1}`, body, "another secret")).toMatch(/does not match/);
    expect(await reasons(`t=${now + 1}, v1=${v1}`)).toMatch(/does not match/);
    expect(await reasons(`t=${now}, v1=${v1}`, body, SECRET, now + SIGNATURE_TOLERANCE_MS + 1)).toMatch(/old/);
    // WorkOS's tolerance is for old timestamps only.
    expect(await reasons(`t=${now}, v1=${v1}`, body, SECRET, now - 60_000)).toBe("ok");
  });
});
