import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CAROL, GLOBEX } from "../../demo-world.ts";
import { startAuthKit } from "../../server.ts";
import { APP_ORIGIN, type TestAuthKit } from "../../testing/start.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ lifetime: "manual" });

interface WireInvitation {
  id: string;
  email: string;
  state: string;
  role_slug: string | null;
  organization_id: string | null;
  token: string;
  accept_invitation_url: string;
}

function api(t: TestAuthKit) {
  const headers = { Authorization: `Bearer ${t.server.apiKey}` };
  return {
    get: (p: string) => t.request(p, { headers }),
    post: (p: string, body?: unknown, extra: Record<string, string> = {}) =>
      t.request(p, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json", ...extra },
        body: body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body),
      }),
    async send(body: Record<string, unknown>): Promise<WireInvitation> {
      const response = await this.post("/user_management/invitations", body);
      expect(response.status).toBe(201);
      return (await response.json()) as WireInvitation;
    },
  };
}

function claims(accessToken: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(accessToken.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
}

describe("invitations over HTTP", () => {
  it("needs the API key", async () => {
    await t.start();
    const response = await t.post("/user_management/invitations", { email: "x@example.com" });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "unauthorized" });
  });

  it("answers role_slug: the role given, `member` by default, null without an organization", async () => {
    await t.start();
    const a = api(t);
    expect((await a.send({ email: "a@example.com", organization_id: "org_acme", role_slug: "admin" })).role_slug).toBe("admin");
    expect((await a.send({ email: "b@example.com", organization_id: "org_acme" })).role_slug).toBe("member");
    expect((await a.send({ email: "c@example.com" })).role_slug).toBeNull();
  });

  it("an accepted invitation's role is the member's role in the access token", async () => {
    await t.start();
    const a = api(t);
    const sent = await a.send({ email: CAROL.email, organization_id: GLOBEX.id, role_slug: "admin" });
    // The SDK sends accept with an empty JSON body.
    const accepted = await a.post(`/user_management/invitations/${sent.id}/accept`);
    expect(accepted.status).toBe(200);
    const auth = await t.authenticate(CAROL.email);
    expect(auth.organization_id).toBe(GLOBEX.id);
    expect(claims(auth.access_token)).toMatchObject({ org_id: GLOBEX.id, role: "admin" });
  });

  it("refuses malformed fields with 422 naming the field, malformed bodies with 400, and stays usable", async () => {
    await t.start();
    const a = api(t);
    const cases: [unknown, string][] = [
      [{}, "email"],
      [{ email: 42 }, "email"],
      [{ email: "x@example.com", organization_id: { id: "org_acme" } }, "organization_id"],
      [{ email: "x@example.com", expires_in_days: "seven" }, "expires_in_days"],
      [{ email: "x@example.com", expires_in_days: 1.5 }, "expires_in_days"],
      [{ email: "x@example.com", expires_in_days: true }, "expires_in_days"],
      [{ email: "x@example.com", role_slug: ["admin"], organization_id: "org_acme" }, "role_slug"],
      [{ email: "x@example.com", inviter_user_id: 7 }, "inviter_user_id"],
      [{ email: "x@example.com", locale: "en-XX" }, "locale"],
    ];
    for (const [body, field] of cases) {
      const response = await a.post("/user_management/invitations", body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(await response.json()).toMatchObject({ code: "invalid_request_parameters", errors: [{ field }] });
    }
    for (const body of ["{not json", "[1,2]", "null"]) {
      expect((await a.post("/user_management/invitations", body)).status).toBe(400);
    }
    const resend = await a.post("/user_management/invitations/invitation_x/resend", "{oops");
    expect(resend.status).toBe(400);
    expect((await (await a.get("/user_management/invitations")).json()).data).toEqual([]);
    await a.send({ email: "fine@example.com" });
  });

  it("takes a form-encoded body too, expires_in_days as digits", async () => {
    await t.start();
    const response = await t.request("/user_management/invitations", {
      method: "POST",
      headers: { Authorization: `Bearer ${t.server.apiKey}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "form@example.com", organization_id: "org_acme", expires_in_days: "2" }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { expires_at: string; created_at: string };
    expect(Date.parse(body.expires_at) - Date.parse(body.created_at)).toBe(2 * 24 * 60 * 60 * 1000);
  });

  it("answers 405 for another method on an invitation path", async () => {
    await t.start();
    const response = await t.request("/user_management/invitations/invitation_x", { method: "DELETE", headers: { Authorization: `Bearer ${t.server.apiKey}` } });
    expect(response.status).toBe(405);
  });

  it("does not echo an unknown token back in the 404", async () => {
    await t.start();
    const response = await api(t).get("/user_management/invitations/by_token/secret-guess-123");
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toMatchObject({ code: "entity_not_found" });
    expect(JSON.stringify(body)).not.toContain("secret-guess-123");
  });
});

describe("accept_invitation_url", () => {
  it("is the configured invitation route with invitation_token added to its query", async () => {
    await t.start({ invitationUrl: "http://localhost:5173/join?from=email" });
    const sent = await api(t).send({ email: "u@example.com", organization_id: "org_acme" });
    const url = new URL(sent.accept_invitation_url);
    expect(`${url.origin}${url.pathname}`).toBe("http://localhost:5173/join");
    expect(url.searchParams.get("from")).toBe("email");
    expect(url.searchParams.get("invitation_token")).toBe(sent.token);
  });

  it("defaults to the first redirect URI's origin + /invite", async () => {
    await t.start({ redirectUris: ["http://localhost:6001/callback", `${APP_ORIGIN}/callback`] });
    const sent = await api(t).send({ email: "u@example.com" });
    expect(sent.accept_invitation_url).toBe(`http://localhost:6001/invite?invitation_token=${sent.token}`);
  });

  it("refuses an invitation URL that is not absolute http(s), has a fragment, or has its own token", async () => {
    for (const invitationUrl of ["/invite", "ftp://x/invite", "http://localhost:5173/invite#top", "http://localhost:5173/invite?invitation_token=x"]) {
      await expect(startAuthKit({ port: 0, dataDir: null, log: false, invitationUrl })).rejects.toThrow(/Invitation URL/);
    }
  });
});

describe("GET /_local/invitations (test API)", () => {
  it("lists an email's invitations newest first with token and link, with no key; 400 without ?email=", async () => {
    await t.start();
    const a = api(t);
    const first = await a.send({ email: "Dana@example.com", organization_id: "org_acme" });
    await a.post(`/user_management/invitations/${first.id}/revoke`);
    const second = await a.send({ email: "dana@example.com", organization_id: "org_acme" });
    await a.send({ email: "someone-else@example.com", organization_id: "org_acme" });
    const response = await t.request("/_local/invitations?email=DANA@example.com");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { email: string; invitations: WireInvitation[] };
    expect(body.email).toBe("dana@example.com");
    expect(body.invitations.map((i) => [i.id, i.state, i.token, i.accept_invitation_url])).toEqual([
      [second.id, "pending", second.token, second.accept_invitation_url],
      [first.id, "revoked", first.token, first.accept_invitation_url],
    ]);
    expect((await t.request("/_local/invitations")).status).toBe(400);
  });

  it("forgets invitations on POST /_local/reset", async () => {
    await t.start();
    await api(t).send({ email: "reset@example.com" });
    await t.post("/_local/reset", {});
    expect(((await (await t.request("/_local/invitations?email=reset@example.com")).json()) as { invitations: unknown[] }).invitations).toEqual([]);
  });
});

describe("invitations on disk", () => {
  it("are kept in data.json and survive a restart", async () => {
    await t.start({ dataDir: t.dataDir });
    const sent = await api(t).send({ email: "kept@example.com", organization_id: "org_acme" });
    await t.server.close();
    const saved = JSON.parse(readFileSync(path.join(t.dataDir, "data.json"), "utf8")) as { invitations: { id: string }[] };
    expect(saved.invitations.map((i) => i.id)).toEqual([sent.id]);
    await t.start({ dataDir: t.dataDir });
    const read = await api(t).get(`/user_management/invitations/by_token/${sent.token}`);
    expect(await read.json()).toMatchObject({ id: sent.id, state: "pending" });
  });
});
