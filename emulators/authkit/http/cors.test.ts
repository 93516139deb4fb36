import { describe, expect, it } from "vitest";
import { startTestAuthKit } from "../testing/start.ts";
import { useTestAuthKit } from "../testing/use-test-authkit.ts";

// Default CORS origins: the origins of the redirect URIs (http://localhost:5173).
const t = useTestAuthKit();

const preflight = (origin: string) =>
  t.request("/user_management/authenticate", {
    method: "OPTIONS",
    headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
  });

describe("CORS, as the WorkOS dashboard setting", () => {
  it("answers a preflight from an allowed origin with 204 and credentials", async () => {
    const response = await preflight("http://localhost:5173");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toBe("content-type");
    expect(response.headers.get("vary")).toBe("Origin");
  });

  it("allows an actual request from an allowed origin", async () => {
    const response = await t.post("/user_management/authenticate", { client_id: "client_local", grant_type: "refresh_token", refresh_token: "x" }, { Origin: "http://localhost:5173" });
    expect(response.status).toBe(400);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("vary")).toBe("Origin");
  });

  it("refuses a preflight from another origin with 403 and a log line saying how to allow it", async () => {
    const response = await preflight("http://localhost:3000");
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const line = t.logs.find((l) => l.startsWith("OPTIONS /user_management/authenticate 403"));
    expect(line).toContain("refused origin http://localhost:3000");
    expect(line).toContain("--cors-origin http://localhost:3000");
  });

  it("refuses an API call from another origin and sends no CORS headers", async () => {
    const response = await t.post("/user_management/authenticate", { client_id: "client_local" }, { Origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("logs how to allow a refused origin on any request from it, not only preflights", async () => {
    const response = await t.request("/sso/jwks/client_local", { headers: { Origin: "http://localhost:3001" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const lines = t.logs.filter((l) => l.startsWith("GET /sso/jwks/client_local 200"));
    expect(lines.some((l) => l.includes("refused origin http://localhost:3001. Allow it with --cors-origin http://localhost:3001"))).toBe(true);
  });

  it("sends no CORS headers when there is no Origin (server-to-server, same origin)", async () => {
    const response = await t.request("/sso/jwks/client_local");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("uses the configured origins instead of the default when given", async () => {
    const custom = await startTestAuthKit({ corsOrigins: ["http://localhost:3000"] });
    try {
      const allowed = await custom.request("/user_management/authenticate", { method: "OPTIONS", headers: { Origin: "http://localhost:3000" } });
      expect(allowed.status).toBe(204);
      const refused = await custom.request("/user_management/authenticate", { method: "OPTIONS", headers: { Origin: "http://localhost:5173" } });
      expect(refused.status).toBe(403);
    } finally {
      await custom.server.close();
    }
  });
});
