import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULTS } from "./config.ts";
import { ACME, ACME_SSO, ADMIN_ROLE, ALICE, DEMO_PASSWORD, DEMO_USERS, GLOBEX, MEMBER_ROLE } from "./demo-world.ts";
import { verifyPassword } from "./passwords.ts";
import { loadSeed } from "./seed.ts";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function seedFile(content: string): string {
  dir = mkdtempSync(path.join(tmpdir(), "authkit-seed-"));
  const file = path.join(dir, "seed.json");
  writeFileSync(file, content);
  return file;
}

describe("the default seed", () => {
  it("is the demo world: its roles, organizations, users and memberships, with their ids", async () => {
    const data = await loadSeed(DEFAULTS.seedFile);
    expect(data.roles).toEqual([
      { slug: ADMIN_ROLE.slug, name: ADMIN_ROLE.name, permissions: ADMIN_ROLE.permissions },
      { slug: MEMBER_ROLE.slug, name: MEMBER_ROLE.name, permissions: MEMBER_ROLE.permissions },
    ]);
    expect(data.organizations.map((o) => ({ id: o.id, name: o.name }))).toEqual([ACME, GLOBEX]);
    expect(data.users.map((u) => [u.id, u.email, u.first_name, u.last_name, u.email_verified])).toEqual(
      DEMO_USERS.map((u) => [u.id, u.email, u.first_name, u.last_name, true]),
    );
    expect(data.memberships.filter((m) => m.user_id === ALICE.id).map((m) => [m.id, m.organization_id, m.role])).toEqual(
      ALICE.memberships.map((m) => [m.id, m.organization_id, m.role]),
    );
  });

  it("signs every demo user in with DEMO_PASSWORD", async () => {
    const data = await loadSeed(DEFAULTS.seedFile);
    for (const user of data.users) expect(await verifyPassword(DEMO_PASSWORD, user.password_hash ?? "")).toBe(true);
  });

  it("has Acme's SSO connection, active, serving Acme's verified domain rather than a list of its own", async () => {
    const data = await loadSeed(DEFAULTS.seedFile);
    expect(data.connections).toEqual([
      expect.objectContaining({ id: ACME_SSO.id, organization_id: ACME.id, name: ACME_SSO.name, connection_type: "OktaSAML", state: "active", domains: [] }),
    ]);
  });

  it("is a fresh copy each time, so one server's changes never reach the next", async () => {
    const first = await loadSeed(DEFAULTS.seedFile);
    first.users.pop();
    expect((await loadSeed(DEFAULTS.seedFile)).users).toHaveLength(DEMO_USERS.length);
  });
});

describe("a JSON seed file (--seed <file>)", () => {
  it("is loaded instead of the demo world, with ids and defaults filled in", async () => {
    const file = seedFile(
      JSON.stringify({
        roles: [{ slug: "owner" }],
        organizations: [{ name: "Initech" }],
        users: [{ email: "Peter@Example.com", password: "tps-report-42" }],
      }),
    );
    const data = await loadSeed(file);
    expect(data.roles).toEqual([{ slug: "owner", name: "owner", permissions: [] }]);
    expect(data.organizations).toEqual([expect.objectContaining({ id: expect.stringMatching(/^org_/), name: "Initech" })]);
    expect(data.users).toEqual([expect.objectContaining({ id: expect.stringMatching(/^user_/), email: "peter@example.com", email_verified: true })]);
    expect(data.memberships).toEqual([]);
  });

  it("names the file and the problem when it cannot be used", async () => {
    await expect(loadSeed(seedFile("{ not json"))).rejects.toThrow(/Seed file .*seed\.json is not valid JSON/);
    await expect(loadSeed(seedFile(JSON.stringify({ users: [{ email: "a@example.com", memberships: [{ organization_id: "org_nope" }] }] })))).rejects.toThrow(
      'a@example.com is a member of unknown organization "org_nope"',
    );
    await expect(loadSeed(seedFile(JSON.stringify({ connections: [{ organization_id: "org_nope" }] })))).rejects.toThrow('names unknown organization "org_nope"');
    await expect(
      loadSeed(seedFile(JSON.stringify({ organizations: [{ id: "org_x", name: "X" }], connections: [{ organization_id: "org_x", connection_type: "FaxSAML" }] }))),
    ).rejects.toThrow('unknown connection_type "FaxSAML"');
    await expect(loadSeed(path.join(tmpdir(), "no-such-seed.json"))).rejects.toThrow(/Cannot read seed file .*no-such-seed\.json/);
  });
});
