import { request } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestAuthKit } from "../testing/start.ts";
import { useTestAuthKit } from "../testing/use-test-authkit.ts";

const t = useTestAuthKit();
let port: number;
beforeAll(() => {
  port = Number(new URL(t.url).port);
});

/**
 * A request with a Host header of our choosing, as a browser sends it after DNS rebinding (a name
 * the attacker controls, now resolving to 127.0.0.1). fetch does not let a caller set Host.
 */
function raw(o: { method?: string; path: string; host: string; origin?: string; json?: unknown }): Promise<{ status: number; body: string }> {
  const body = o.json === undefined ? undefined : JSON.stringify(o.json);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: o.method ?? "GET",
        path: o.path,
        headers: {
          Host: o.host,
          ...(o.origin && { Origin: o.origin }),
          ...(body !== undefined && { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("DNS rebinding: the server answers only to its own names", () => {
  it("refuses a test API call to a foreign Host with 421, even when Origin matches that Host", async () => {
    const host = `evil.example:${port}`;
    const created = await raw({ method: "POST", path: "/_local/users", host, origin: `http://${host}`, json: { email: "rebound@example.com" } });
    expect(created.status).toBe(421);
    expect(JSON.parse(created.body)).toMatchObject({ error: "misdirected_request" });
    expect(created.body).toContain("evil.example");
    expect(created.body).toContain("localhost");
    // Nothing was created: the same user can still be made through the real name.
    expect((await t.post("/_local/users", { email: "rebound@example.com" })).status).toBe(201);
  });

  it("refuses reads without Origin too (a same-origin GET after rebinding sends none)", async () => {
    const codes = await raw({ path: "/_local/codes?email=bob@example.com", host: `evil.example:${port}` });
    expect(codes.status).toBe(421);
    const reset = await raw({ method: "POST", path: "/_local/reset", host: `evil.example:${port}`, json: {} });
    expect(reset.status).toBe(421);
  });

  it("answers on localhost, 127.0.0.1 and [::1]", async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect((await raw({ path: "/health", host })).status, host).toBe(200);
    }
  });

  it("answers on the host of publicUrl", async () => {
    const custom = await startTestAuthKit({ publicUrl: "http://authkit.test:8080" });
    try {
      const customPort = Number(new URL(custom.url).port);
      const status = await new Promise<number>((resolve, reject) => {
        request({ host: "127.0.0.1", port: customPort, path: "/health", headers: { Host: "authkit.test:8080" } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on("error", reject)
          .end();
      });
      expect(status).toBe(200);
    } finally {
      await custom.server.close();
    }
  });

  it("treats only this server's own origins as same-origin, not whatever Origin equals Host", async () => {
    // Host names an allowed machine, but Origin is another port on it: another site, so CORS applies.
    const other = `localhost:${port + 1}`;
    const foreign = await raw({ method: "POST", path: "/_local/users", host: other, origin: `http://${other}`, json: { email: "other-port@example.com" } });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ code: "cors_origin_not_allowed" });

    for (const [i, own] of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`].entries()) {
      const created = await raw({ method: "POST", path: "/_local/users", host: own, origin: `http://${own}`, json: { email: `own${i}@example.com` } });
      expect(created.status, own).toBe(201);
    }
  });
});
