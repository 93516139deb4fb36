import { afterEach, describe, expect, it, vi } from "vitest";
import { ALICE, BOB, CAROL } from "../../demo-world.ts";
import { REFRESH_REPLAY_GRACE_MS } from "../../store.ts";
import { decodeJwt } from "jose";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

// One server for the file: every test signs in afresh, so they do not share sessions or codes.
const t = useTestAuthKit();
afterEach(() => {
  vi.useRealTimers();
});

const authenticate = (body: unknown) => t.post("/user_management/authenticate", body);
const exchange = (code: string, verifier: string | undefined, extra: Record<string, unknown> = {}) =>
  authenticate({ client_id: "client_local", grant_type: "authorization_code", code, ...(verifier && { code_verifier: verifier }), ...extra });

async function expectError(response: Response, status: number, error: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: string; error_description: string };
  expect(body.error).toBe(error);
  expect(body.error_description.length).toBeGreaterThan(10);
  return body.error_description;
}

describe("POST /user_management/authenticate, authorization_code", () => {
  it("answers with the WorkOS authentication response", async () => {
    const { code, verifier } = await t.signIn(ALICE.email, { organization: "Acme Corp" });
    const response = await exchange(code, verifier);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["access_token", "authentication_method", "organization_id", "refresh_token", "user"]);
    expect(body).toMatchObject({ organization_id: "org_acme", authentication_method: "Password" });
    expect(Object.keys(body.user).sort()).toEqual(
      ["created_at", "email", "email_verified", "external_id", "first_name", "id", "last_name", "last_sign_in_at", "metadata", "object", "profile_picture_url", "updated_at"],
    );
    expect(body.user).toMatchObject({ object: "user", id: ALICE.id, email: ALICE.email, email_verified: true });
    expect(body.user.last_sign_in_at).not.toBeNull();
  });

  it("accepts a form-encoded body", async () => {
    const { code, verifier } = await t.signIn(BOB.email);
    const response = await t.request("/user_management/authenticate", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: "client_local", grant_type: "authorization_code", code, code_verifier: verifier }).toString(),
    });
    expect(response.status).toBe(200);
  });

  it("issues a token without organization claims to a user with no organization", async () => {
    const { code, verifier } = await t.signIn(CAROL.email);
    const body = await (await exchange(code, verifier)).json();
    expect(body.organization_id).toBeUndefined();
    const claims = decodeJwt(body.access_token);
    expect(claims.org_id).toBeUndefined();
    expect(claims.role).toBeUndefined();
    expect(claims.sub).toBe(CAROL.id);
  });

  it("refuses a reused code", async () => {
    const { code, verifier } = await t.signIn(BOB.email);
    expect((await exchange(code, verifier)).status).toBe(200);
    await expectError(await exchange(code, verifier), 400, "invalid_grant");
  });

  it("refuses a wrong or missing PKCE verifier, and the code is spent", async () => {
    const first = await t.signIn(BOB.email);
    await expectError(await exchange(first.code, "x".repeat(60)), 400, "invalid_grant");
    await expectError(await exchange(first.code, first.verifier), 400, "invalid_grant");
    const second = await t.signIn(BOB.email);
    expect(await expectError(await exchange(second.code, undefined), 400, "invalid_grant")).toContain("code_verifier");
  });

  it("refuses an expired code (older than 10 minutes)", async () => {
    const { code, verifier } = await t.signIn(BOB.email);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 11 * 60 * 1000 });
    await expectError(await exchange(code, verifier), 400, "invalid_grant");
  });

  it("refuses a code presented with another redirect_uri", async () => {
    const { code, verifier } = await t.signIn(BOB.email);
    await expectError(await exchange(code, verifier, { redirect_uri: "http://localhost:5173/elsewhere" }), 400, "invalid_grant");
  });

  it("refuses an unknown code", async () => {
    await expectError(await exchange("not-a-code", "v".repeat(43)), 400, "invalid_grant");
  });

  it("refuses a missing code", async () => {
    await expectError(await authenticate({ client_id: "client_local", grant_type: "authorization_code" }), 400, "invalid_request");
  });
});

describe("POST /user_management/authenticate, refresh_token", () => {
  const refresh = (body: Record<string, unknown>, cookie?: string) =>
    t.post("/user_management/authenticate", { client_id: "client_local", grant_type: "refresh_token", ...body }, cookie ? { Cookie: cookie } : {});

  it("rotates: the new token works, and a replay within the grace period (a reload mid-refresh) gets that same token", async () => {
    const first = await t.authenticate(BOB.email);
    const response = await refresh({ refresh_token: first.refresh_token });
    expect(response.status).toBe(200);
    const second = await response.json();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const replay = await refresh({ refresh_token: first.refresh_token });
    expect(replay.status).toBe(200);
    expect((await replay.json()).refresh_token).toBe(second.refresh_token);
    expect((await refresh({ refresh_token: second.refresh_token })).status).toBe(200);
  });

  it("ends the whole session when a used token comes back after the grace period (reuse detection)", async () => {
    const first = await t.authenticate(BOB.email);
    const second = await (await refresh({ refresh_token: first.refresh_token })).json();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + REFRESH_REPLAY_GRACE_MS + 1000);
    expect(await expectError(await refresh({ refresh_token: first.refresh_token }), 400, "invalid_grant")).toContain("already been used");
    // The thief's replay costs the holder of the newest token its session too: both sign in again.
    expect(await expectError(await refresh({ refresh_token: second.refresh_token }), 400, "invalid_grant")).toContain("ended");
    expect(t.logs.some((line) => line.includes("refresh token reuse"))).toBe(true);
  });

  it("reads the token from the httpOnly cookie when the body has none, and sets both cookies", async () => {
    const first = await t.authenticate(BOB.email);
    const response = await refresh({}, `workos-refresh-token=${encodeURIComponent(first.refresh_token)}`);
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    const body = await response.json();
    const attributes = (name: string) => {
      const cookie = cookies.find((c) => c.startsWith(`${name}=`));
      return cookie && new Set(cookie.split("; "));
    };
    expect(attributes("workos-refresh-token")).toEqual(
      new Set([`workos-refresh-token=${encodeURIComponent(body.refresh_token)}`, "Path=/user_management", "Max-Age=2592000", "HttpOnly", "SameSite=Lax"]),
    );
    expect(attributes("workos-has-session")).toEqual(new Set(["workos-has-session=client_local", "Path=/", "Max-Age=2592000", "SameSite=Lax"]));
  });

  it("switches to another organization the user belongs to", async () => {
    const first = await t.authenticate(ALICE.email, { organization: "Acme Corp" });
    const response = await refresh({ refresh_token: first.refresh_token, organization_id: "org_globex" });
    const body = await response.json();
    expect(body.organization_id).toBe("org_globex");
    expect(decodeJwt(body.access_token)).toMatchObject({ org_id: "org_globex", role: "member", permissions: ["notes:read", "notes:write"] });
  });

  it("refuses to switch to an organization the user is not a member of, keeping the token usable", async () => {
    const first = await t.authenticate(BOB.email);
    expect(await expectError(await refresh({ refresh_token: first.refresh_token, organization_id: "org_globex" }), 400, "invalid_grant")).toContain("not a member");
    await expectError(await refresh({ refresh_token: first.refresh_token, organization_id: "org_nope" }), 400, "invalid_grant");
    expect((await refresh({ refresh_token: first.refresh_token })).status).toBe(200);
  });

  it("refuses a missing, an unknown and a revoked (signed-out) token", async () => {
    expect(await expectError(await refresh({}), 400, "invalid_request")).toContain("Missing refresh token");
    await expectError(await refresh({ refresh_token: "nope" }), 400, "invalid_grant");
    const session = await t.authenticate(BOB.email);
    const sid = decodeJwt(session.access_token).sid as string;
    const logout = await t.request(`/user_management/sessions/logout?session_id=${sid}`);
    expect(logout.status).toBe(302);
    await expectError(await refresh({ refresh_token: session.refresh_token }), 400, "invalid_grant");
  });
});

describe("POST /user_management/authenticate, bad input", () => {
  it("answers malformed JSON with invalid_request and keeps serving", async () => {
    const response = await t.request("/user_management/authenticate", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"client_id": ',
    });
    expect(await expectError(response, 400, "invalid_request")).toContain("not valid JSON");
    expect(t.logs.some((l) => l.includes("POST /user_management/authenticate 400") && l.includes("not valid JSON"))).toBe(true);
    expect((await t.request("/health")).status).toBe(200);
  });

  it("refuses a JSON body that is not an object, and fields that are not strings", async () => {
    await expectError(await authenticate([1, 2]), 400, "invalid_request");
    await expectError(await authenticate({ client_id: 42, grant_type: "refresh_token" }), 400, "invalid_request");
  });

  it("answers a missing client_id with 400 and an unknown one with 401 invalid_client", async () => {
    await expectError(await authenticate({ grant_type: "refresh_token", refresh_token: "x" }), 400, "invalid_request");
    await expectError(await authenticate({ client_id: "client_other", grant_type: "refresh_token", refresh_token: "x" }), 401, "invalid_client");
  });

  it("refuses a missing grant_type as invalid_request and an unknown one as unsupported_grant_type (RFC 6749 §5.2)", async () => {
    await expectError(await authenticate({ client_id: "client_local" }), 400, "invalid_request");
    await expectError(await authenticate({ client_id: "client_local", grant_type: "password" }), 400, "unsupported_grant_type");
  });

  it("refuses an oversized body with 413", async () => {
    const response = await t.request("/user_management/authenticate", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ client_id: "client_local", padding: "x".repeat(200_000) }),
    });
    await expectError(response, 413, "request_entity_too_large");
    expect((await t.request("/health")).status).toBe(200);
  });

  it("refuses an unsupported content type with 415", async () => {
    const response = await t.request("/user_management/authenticate", { method: "POST", headers: { "Content-Type": "text/xml" }, body: "<a/>" });
    await expectError(response, 415, "invalid_request");
  });

  it("answers unknown routes and methods with WorkOS-shaped errors", async () => {
    // WorkOS's REST shape for what is not an endpoint at all…
    const unknown = await t.request("/user_management/nope");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "not_found", message: expect.stringContaining("/user_management/nope") });
    // …and the endpoint's own (OAuth) shape for a known path called with the wrong method.
    await expectError(await t.request("/user_management/authenticate"), 405, "method_not_allowed");
  });
});
