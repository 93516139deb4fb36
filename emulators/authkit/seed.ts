import { readFile } from "node:fs/promises";
import { emptyData, type Data } from "./data.ts";
import { newId } from "./ids.ts";
import { hashPassword } from "./passwords.ts";

interface SeedFile {
  roles?: { slug: string; name?: string; permissions?: string[] }[];
  organizations?: { id?: string; name: string }[];
  users?: {
    id?: string;
    email: string;
    password?: string;
    first_name?: string;
    last_name?: string;
    email_verified?: boolean;
    memberships?: { id?: string; organization_id: string; role?: string }[];
  }[];
}

function fail(file: string, problem: string): never {
  throw new Error(`Seed file ${file}: ${problem}`);
}

async function buildData(file: string, seed: SeedFile): Promise<Data> {
  const data = emptyData();
  const now = new Date().toISOString();
  for (const role of seed.roles ?? []) {
    if (typeof role.slug !== "string") fail(file, "every role needs a string `slug`");
    data.roles.push({ slug: role.slug, name: role.name ?? role.slug, permissions: role.permissions ?? [] });
  }
  for (const org of seed.organizations ?? []) {
    if (typeof org.name !== "string") fail(file, "every organization needs a string `name`");
    data.organizations.push({ id: org.id ?? newId("org"), name: org.name, created_at: now, updated_at: now });
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
        created_at: now,
        updated_at: now,
      });
    }
  }
  return data;
}

// Hashing the seed passwords is the slow part of a start; tests start many servers from one seed.
const cache = new Map<string, Promise<Data>>();

/** The data a fresh (or reset) local AuthKit starts from. */
export async function loadSeed(file: string): Promise<Data> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`Cannot read seed file ${file}: ${(error as Error).message}`, { cause: error });
  }
  let built = cache.get(text);
  if (!built) {
    let seed: SeedFile;
    try {
      seed = JSON.parse(text) as SeedFile;
    } catch (error) {
      throw new Error(`Seed file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    built = buildData(file, seed);
    cache.set(text, built);
    built.catch(() => cache.delete(text));
  }
  return structuredClone(await built);
}
