import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { emptyData, type Data } from "./data.ts";
import { DEMO_SEED } from "./demo-world.ts";
import { newId } from "./ids.ts";
import { normalizeDomain } from "./store/organization-domains.ts";
import { hashPassword } from "./passwords.ts";
import { seedConnectionProblem } from "./provisioning/connections.ts";
import type { SeedFile } from "./seed-file.ts";
import type { ConnectionState } from "./store/connections.ts";
import { DIRECTORY_TYPES, type DirectoryType } from "./store/directories.ts";
import type { ConnectionType } from "@workos-inc/node";

/**
 * The default `seedFile`: the demo world. It is a module, not JSON, so that the tests and
 * `npm run dev` import the very accounts the server starts with; any other file is read as JSON.
 */
// Not `new URL("./demo-world.ts", import.meta.url)`: in jsdom tests Vite makes that an http URL.
export const DEMO_SEED_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "demo-world.ts");

function fail(file: string, problem: string): never {
  throw new Error(`Seed file ${file}: ${problem}`);
}

async function buildData(file: string, seed: SeedFile): Promise<Data> {
  const data = emptyData();
  const now = new Date().toISOString();
  for (const role of seed.roles ?? []) {
    if (typeof role.slug !== "string") fail(file, "every role needs a string `slug`");
    data.roles.push({ slug: role.slug, name: role.name ?? role.slug, permissions: [...(role.permissions ?? [])] });
  }
  for (const org of seed.organizations ?? []) {
    if (typeof org.name !== "string") fail(file, "every organization needs a string `name`");
    data.organizations.push({ id: org.id ?? newId("org"), name: org.name, external_id: null, metadata: {}, created_at: now, updated_at: now });
  }
  for (const d of seed.organization_domains ?? []) {
    if (!data.organizations.some((o) => o.id === d.organization_id)) fail(file, `domain ${d.domain} belongs to unknown organization "${d.organization_id}"`);
    if (d.state !== "verified" && d.state !== "pending") fail(file, `domain ${d.domain} needs a \`state\` of "verified" or "pending"`);
    const domain = normalizeDomain(d.domain);
    if (data.organization_domains.some((other) => other.domain === domain)) fail(file, `domain ${domain} is given twice (an organization domain belongs to one organization)`);
    data.organization_domains.push({
      id: d.id ?? newId("org_domain"),
      organization_id: d.organization_id,
      domain,
      state: d.state,
      verification_strategy: "manual",
      verification_token: null,
      verification_prefix: null,
      created_at: now,
      updated_at: now,
    });
  }
  for (const user of seed.users ?? []) {
    if (typeof user.email !== "string") fail(file, "every user needs a string `email`");
    const id = user.id ?? newId("user");
    data.users.push({
      id,
      email: user.email.toLowerCase(),
      email_verified: user.email_verified ?? true,
      first_name: user.first_name ?? null,
      last_name: user.last_name ?? null,
      profile_picture_url: null,
      last_sign_in_at: null,
      external_id: null,
      metadata: {},
      created_at: now,
      updated_at: now,
      password_hash: user.password ? await hashPassword(user.password) : null,
    });
    for (const m of user.memberships ?? []) {
      if (!data.organizations.some((o) => o.id === m.organization_id)) {
        fail(file, `${user.email} is a member of unknown organization "${m.organization_id}"`);
      }
      const role = m.role ?? "member";
      if (!data.roles.some((r) => r.slug === role)) fail(file, `${user.email} has unknown role "${role}"`);
      data.memberships.push({
        id: m.id ?? newId("om"),
        user_id: id,
        organization_id: m.organization_id,
        role,
        status: "active",
        directory_managed: false,
        custom_attributes: {},
        created_at: now,
        updated_at: now,
      });
    }
  }
  for (const connection of seed.connections ?? []) {
    if (typeof connection.organization_id !== "string" || !data.organizations.some((o) => o.id === connection.organization_id)) {
      fail(file, `connection ${connection.id ?? connection.name ?? ""} names unknown organization "${String(connection.organization_id)}"`);
    }
    const problem = seedConnectionProblem(connection);
    if (problem) fail(file, problem);
    const org = data.organizations.find((o) => o.id === connection.organization_id)!;
    data.connections.push({
      id: connection.id ?? newId("conn"),
      organization_id: org.id,
      name: connection.name ?? `${org.name} SSO`,
      connection_type: (connection.connection_type ?? "GenericSAML") as ConnectionType,
      state: (connection.state ?? "active") as ConnectionState,
      domains: (connection.domains ?? []).map((domain) => ({ id: newId("conn_domain"), domain: normalizeDomain(domain) })),
      created_at: now,
      updated_at: now,
    });
  }
  for (const d of seed.directories ?? []) {
    if (!data.organizations.some((o) => o.id === d.organization_id)) fail(file, `directory "${d.name}" belongs to unknown organization "${d.organization_id}"`);
    const type = d.type ?? "generic scim v2.0";
    if (!DIRECTORY_TYPES.includes(type as DirectoryType)) fail(file, `directory "${d.name}" has unknown type "${type}"`);
    const directoryId = d.id ?? newId("directory");
    data.directories.push({
      id: directoryId,
      organization_id: d.organization_id,
      name: d.name,
      type: type as DirectoryType,
      state: "linked",
      external_key: randomBytes(12).toString("base64url"),
      domain: null,
      created_at: now,
      updated_at: now,
    });
    for (const g of d.groups ?? []) {
      if (typeof g.name !== "string") fail(file, `every group of directory "${d.name}" needs a string \`name\``);
      if (g.role !== undefined && !data.roles.some((r) => r.slug === g.role)) fail(file, `group "${g.name}" of directory "${d.name}" has unknown role "${g.role}"`);
      const groupId = g.id ?? newId("directory_group");
      data.directory_groups.push({
        id: groupId,
        directory_id: directoryId,
        organization_id: d.organization_id,
        idp_id: g.idp_id ?? randomBytes(8).toString("hex"),
        name: g.name,
        raw_attributes: {},
        created_at: now,
        updated_at: now,
      });
      if (g.role !== undefined) {
        data.directory_role_assignments.push({ group_id: groupId, directory_id: directoryId, organization_id: d.organization_id, role_slug: g.role, created_at: now, updated_at: now });
      }
    }
  }
  return data;
}

// Hashing the seed passwords is the slow part of a start; tests start many servers from one seed.
const cache = new Map<string, Promise<Data>>();

function built(key: string, build: () => Promise<Data>): Promise<Data> {
  let data = cache.get(key);
  if (!data) {
    data = build();
    cache.set(key, data);
    data.catch(() => cache.delete(key));
  }
  return data;
}

async function readJsonSeed(file: string): Promise<Data> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`Cannot read seed file ${file}: ${(error as Error).message}`, { cause: error });
  }
  // Keyed by the content, so an edited file is read afresh.
  return built(text, async () => {
    let seed: SeedFile;
    try {
      seed = JSON.parse(text) as SeedFile;
    } catch (error) {
      throw new Error(`Seed file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    return buildData(file, seed);
  });
}

/** The data a fresh (or reset) local AuthKit starts from: the demo world, or a JSON seed file. */
export async function loadSeed(file: string): Promise<Data> {
  const data = file === DEMO_SEED_FILE ? built(DEMO_SEED_FILE, () => buildData(file, DEMO_SEED)) : readJsonSeed(file);
  return structuredClone(await data);
}
