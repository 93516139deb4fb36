import { describe, expect, it } from "vitest";
import { signInThroughHostedPages } from "../../testing/hosted-pages.ts";
import { APP_ORIGIN } from "../../testing/start.ts";
import { TestBrowser } from "../../testing/test-browser.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit({ resetBeforeEach: true });

describe("test API under /_local/", () => {
  it("creates a user, an organization and a membership the user can sign in to", async () => {
    const user = await t.post("/_local/users", { email: "Erin@Example.com", password: "erin-password", first_name: "Erin", last_name: "Evans" });
    expect(user.status).toBe(201);
    const created = await user.json();
    expect(created).toMatchObject({ object: "user", email: "erin@example.com", first_name: "Erin", email_verified: true });
    expect(created.id).toMatch(/^user_01[0-9A-Z]{24}$/);

    const org = await (await t.post("/_local/organizations", { name: "Initech" })).json();
    expect(org).toMatchObject({ object: "organization", name: "Initech" });
    // Every property WorkOS's Organization schema marks required, so code written against it works here.
    expect(Object.keys(org).sort()).toEqual(["created_at", "domains", "external_id", "id", "metadata", "name", "object", "updated_at"]);
    expect(org).toMatchObject({ external_id: null, metadata: {}, domains: [] });
    expect(org.id).toMatch(/^org_01/);
    const membership = await t.post("/_local/memberships", { user_id: created.id, organization_id: org.id, role: "admin" });
    expect(membership.status).toBe(201);
    expect(await membership.json()).toMatchObject({ object: "organization_membership", role: { slug: "admin" } });

    const { url, verifier } = t.authorizeUrl();
    const callback = await signInThroughHostedPages(new TestBrowser(APP_ORIGIN), url, { email: "erin@example.com", password: "erin-password" });
    const exchanged = await t.post("/user_management/authenticate", {
      client_id: "client_local",
      grant_type: "authorization_code",
      code: callback.searchParams.get("code"),
      code_verifier: verifier,
    });
    expect(await exchanged.json()).toMatchObject({ organization_id: org.id, user: { id: created.id } });
  });

  it("refuses bad input with WorkOS-shaped errors", async () => {
    expect((await t.post("/_local/users", {})).status).toBe(400);
    expect((await t.post("/_local/users", { email: "not-an-email" })).status).toBe(400);
    expect((await t.post("/_local/users", { email: "bob@example.com" })).status).toBe(409);
    expect((await t.post("/_local/users", { email: "weak@example.com", password: "123" })).status).toBe(400);
    expect((await t.post("/_local/organizations", { name: "X", id: "acme" })).status).toBe(400);
    expect((await t.post("/_local/organizations", { name: "X", id: "org_acme" })).status).toBe(409);
    expect((await t.post("/_local/memberships", { email: "bob@example.com", organization_id: "org_nope" })).status).toBe(404);
    expect((await t.post("/_local/memberships", { email: "bob@example.com", organization_id: "org_globex", role: "owner" })).status).toBe(400);
    expect((await t.post("/_local/memberships", { email: "bob@example.com", organization_id: "org_acme" })).status).toBe(409);
    const body = await (await t.post("/_local/memberships", { organization_id: "org_acme" })).json();
    expect(body).toMatchObject({ code: "invalid_request", message: "Pass `user_id` or `email`." });
  });

  it("creates one user when the same email is posted in parallel, whatever its case", async () => {
    const emails = ["frank@example.com", "Frank@Example.com", "FRANK@EXAMPLE.COM"];
    const responses = await Promise.all(
      Array.from({ length: 9 }, (_, i) => t.post("/_local/users", { email: emails[i % emails.length], password: "frank-password" })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(8);
    const refused = await responses.find((r) => r.status === 409)!.json();
    expect(refused).toEqual({ code: "conflict", message: "A user with email frank@example.com already exists." });
  });

  it("answers codes as null when none was sent, and requires the email", async () => {
    expect(await (await t.request("/_local/codes?email=bob@example.com")).json()).toEqual({
      email: "bob@example.com",
      verification_code: null,
      password_reset_code: null,
      magic_auth_code: null,
    });
    expect((await t.request("/_local/codes")).status).toBe(400);
  });

  it("resets to the seed: created users are gone, demo users remain", async () => {
    await t.post("/_local/users", { email: "temp@example.com" });
    expect((await t.post("/_local/users", { email: "temp@example.com" })).status).toBe(409);
    expect((await t.post("/_local/reset", {})).status).toBe(200);
    expect((await t.post("/_local/users", { email: "temp@example.com" })).status).toBe(201);
    await expect(t.authenticate("alice@example.com", { organization: "Globex" })).resolves.toMatchObject({ organization_id: "org_globex" });
  });

  it("reports health with the issuer and JWKS", async () => {
    expect(await (await t.request("/health")).json()).toEqual({
      status: "ok",
      client_id: "client_local",
      issuer: `${t.url}/user_management/client_local`,
      jwks_uri: `${t.url}/sso/jwks/client_local`,
      data_file: null,
    });
  });
});
