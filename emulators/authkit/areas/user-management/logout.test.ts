import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { BOB } from "../../demo-world.ts";
import { startAuthKit } from "../../server.ts";
import { startTestAuthKit } from "../../testing/start.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit();

async function sessionId() {
  const response = await t.authenticate(BOB.email);
  return { sid: decodeJwt(response.access_token).sid as string, refreshToken: response.refresh_token };
}

const logout = (params: Record<string, string>) => t.request(`/user_management/sessions/logout?${new URLSearchParams(params)}`);

describe("GET /user_management/sessions/logout", () => {
  it("ends the session, clears both cookies and returns to the registered URL", async () => {
    const { sid, refreshToken } = await sessionId();
    const response = await logout({ session_id: sid, return_to: "http://localhost:5173/" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("http://localhost:5173/");
    const cookies = response.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith("workos-refresh-token=;") && c.includes("Max-Age=0") && c.includes("Path=/user_management"))).toBe(true);
    expect(cookies.some((c) => c.startsWith("workos-has-session=;") && c.includes("Max-Age=0"))).toBe(true);
    const refresh = await t.post("/user_management/authenticate", { client_id: "client_local", grant_type: "refresh_token", refresh_token: refreshToken });
    expect(refresh.status).toBe(400);
  });

  it("returns to the first registered sign-out URL when return_to is absent", async () => {
    const { sid } = await sessionId();
    const response = await logout({ session_id: sid });
    expect(response.headers.get("location")).toBe("http://localhost:5173/");
  });

  it("refuses an unregistered return_to with an error page, and keeps the session", async () => {
    const { sid, refreshToken } = await sessionId();
    const response = await logout({ session_id: sid, return_to: "https://evil.example/" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("is not a registered sign-out redirect");
    const refresh = await t.post("/user_management/authenticate", { client_id: "client_local", grant_type: "refresh_token", refresh_token: refreshToken });
    expect(refresh.status).toBe(200);
  });

  it("refuses a request without session_id", async () => {
    const response = await logout({ return_to: "http://localhost:5173/" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("`session_id` is missing");
  });

  it("treats an unknown or already ended session as signed out", async () => {
    const { sid } = await sessionId();
    expect((await logout({ session_id: sid })).status).toBe(302);
    expect((await logout({ session_id: sid })).status).toBe(302);
    expect((await logout({ session_id: "session_01UNKNOWN" })).status).toBe(302);
  });

  it("accepts return_to only exactly as registered: a trailing slash or the host's letter case makes another URL", async () => {
    const custom = await startTestAuthKit({ logoutRedirects: ["http://localhost:5173", "http://localhost:5173/bye"] });
    try {
      const sid = decodeJwt((await custom.authenticate(BOB.email)).access_token).sid as string;
      const logoutTo = (returnTo: string) =>
        custom.request(`/user_management/sessions/logout?${new URLSearchParams({ session_id: sid, return_to: returnTo })}`);
      for (const registered of ["http://localhost:5173", "http://localhost:5173/bye"]) {
        const response = await logoutTo(registered);
        expect(response.status, registered).toBe(302);
        expect(response.headers.get("location")).toBe(registered);
      }
      for (const other of ["http://localhost:5173/", "http://LOCALHOST:5173/bye", "http://localhost:5173/bye/", "/relative"]) {
        const response = await logoutTo(other);
        expect(response.status, other).toBe(400);
        expect(await response.text()).toContain("is not a registered sign-out redirect");
      }
    } finally {
      await custom.server.close();
    }
  });
});

describe("sign-out redirect options", () => {
  it("refuses an empty list at start, so a logout never has nowhere to go", async () => {
    await expect(startAuthKit({ port: 0, dataDir: null, log: false, logoutRedirects: [] })).rejects.toThrow(
      "logoutRedirects is empty: register at least one sign-out redirect",
    );
  });
});
