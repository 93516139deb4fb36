import { createHash } from "node:crypto";
import path from "node:path";
import type {
  CodeKind,
  Data,
  MembershipRecord,
  OrganizationRecord,
  RoleRecord,
  SessionRecord,
  UserRecord,
} from "./data.ts";
import { humanCode, newId, secretToken } from "./ids.ts";
import { readJsonFile, writeFileAtomic } from "./persistence.ts";
import { loadSeed } from "./seed.ts";

const CODE_TTL_MS = 15 * 60 * 1000;
// Used refresh tokens and ended sessions are kept a day (so a replay is reported as such), then forgotten.
const ENDED_RETENTION_MS = 24 * 60 * 60 * 1000;

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

export type RefreshOutcome =
  | { ok: true; session: SessionRecord; user: UserRecord }
  | { ok: false; reason: string };

/**
 * The one store: users, organizations, memberships, roles, sessions, refresh tokens and the
 * emailed codes. Every change is written to `<dataDir>/data.json` at once (atomically); with no
 * dataDir it lives in memory only.
 */
export class Store {
  private constructor(
    private data: Data,
    private readonly file: string | null,
    private readonly seedFile: string,
  ) {}

  static async open(dataDir: string | null, seedFile: string): Promise<Store> {
    const file = dataDir === null ? null : path.join(dataDir, "data.json");
    const saved = file ? readJsonFile<Data>(file) : undefined;
    if (saved && saved.version !== 1) {
      throw new Error(`${file} has unknown version ${String(saved.version)}: delete it to start over from the seed.`);
    }
    const lists = ["roles", "organizations", "users", "memberships", "sessions", "refresh_tokens", "codes"] as const;
    const broken = saved && lists.find((key) => !Array.isArray(saved[key]));
    if (broken) throw new Error(`${file} has no \`${broken}\` list: delete it (or start with --reset) to start over from the seed.`);
    const store = new Store(saved ?? (await loadSeed(seedFile)), file, seedFile);
    if (!saved) store.save();
    return store;
  }

  get dataFile(): string | null {
    return this.file;
  }

  private save(): void {
    if (this.file) writeFileAtomic(this.file, JSON.stringify(this.data, null, 2) + "\n");
  }

  async reset(): Promise<void> {
    this.data = await loadSeed(this.seedFile);
    this.save();
  }

  // --- users, organizations, memberships, roles ---

  userByEmail(email: string): UserRecord | undefined {
    const wanted = email.trim().toLowerCase();
    return this.data.users.find((u) => u.email === wanted);
  }

  user(id: string): UserRecord | undefined {
    return this.data.users.find((u) => u.id === id);
  }

  createUser(input: {
    email: string;
    passwordHash: string | null;
    firstName?: string | null;
    lastName?: string | null;
    emailVerified?: boolean;
  }): UserRecord {
    const now = new Date().toISOString();
    const user: UserRecord = {
      id: newId("user"),
      email: input.email.trim().toLowerCase(),
      email_verified: input.emailVerified ?? false,
      first_name: input.firstName || null,
      last_name: input.lastName || null,
      profile_picture_url: null,
      last_sign_in_at: null,
      created_at: now,
      updated_at: now,
      password_hash: input.passwordHash,
    };
    this.data.users.push(user);
    this.save();
    return user;
  }

  updateUser(id: string, changes: Partial<Pick<UserRecord, "email_verified" | "password_hash" | "last_sign_in_at">>): UserRecord {
    const user = this.user(id);
    if (!user) throw new Error(`No user ${id}`);
    Object.assign(user, changes, { updated_at: new Date().toISOString() });
    this.save();
    return user;
  }

  organization(id: string): OrganizationRecord | undefined {
    return this.data.organizations.find((o) => o.id === id);
  }

  createOrganization(name: string, id = newId("org")): OrganizationRecord {
    const now = new Date().toISOString();
    const org = { id, name, created_at: now, updated_at: now };
    this.data.organizations.push(org);
    this.save();
    return org;
  }

  role(slug: string): RoleRecord | undefined {
    return this.data.roles.find((r) => r.slug === slug);
  }

  membershipsOf(userId: string): MembershipRecord[] {
    return this.data.memberships.filter((m) => m.user_id === userId);
  }

  membership(userId: string, organizationId: string): MembershipRecord | undefined {
    return this.data.memberships.find((m) => m.user_id === userId && m.organization_id === organizationId);
  }

  createMembership(userId: string, organizationId: string, role: string): MembershipRecord {
    const now = new Date().toISOString();
    const membership = { id: newId("om"), user_id: userId, organization_id: organizationId, role, created_at: now, updated_at: now };
    this.data.memberships.push(membership);
    this.save();
    return membership;
  }

  // --- sessions and refresh tokens ---

  session(id: string): SessionRecord | undefined {
    return this.data.sessions.find((s) => s.id === id);
  }

  createSession(userId: string, organizationId: string | null): SessionRecord {
    // Ended sessions are kept a day (logout is idempotent), then forgotten so the file stays small.
    const cutoff = Date.now() - ENDED_RETENTION_MS;
    this.data.sessions = this.data.sessions.filter((s) => !s.ended_at || Date.parse(s.ended_at) > cutoff);
    const session: SessionRecord = {
      id: newId("session"),
      user_id: userId,
      organization_id: organizationId,
      authentication_method: "Password",
      created_at: new Date().toISOString(),
      ended_at: null,
    };
    this.data.sessions.push(session);
    this.save();
    return session;
  }

  setSessionOrganization(session: SessionRecord, organizationId: string | null): void {
    session.organization_id = organizationId;
    this.save();
  }

  endSession(id: string): boolean {
    const session = this.session(id);
    if (!session || session.ended_at) return false;
    session.ended_at = new Date().toISOString();
    this.data.refresh_tokens = this.data.refresh_tokens.filter((t) => t.session_id !== id);
    this.save();
    return true;
  }

  /** A new refresh token for the session (the token is returned once; only its hash is kept). */
  issueRefreshToken(sessionId: string): string {
    const token = secretToken(24);
    const cutoff = Date.now() - ENDED_RETENTION_MS;
    this.data.refresh_tokens = this.data.refresh_tokens.filter((t) => !t.used_at || Date.parse(t.used_at) > cutoff);
    this.data.refresh_tokens.push({ hash: sha256(token), session_id: sessionId, created_at: new Date().toISOString(), used_at: null });
    this.save();
    return token;
  }

  /** Checks a refresh token without using it up. */
  checkRefreshToken(token: string): RefreshOutcome {
    const record = this.data.refresh_tokens.find((t) => t.hash === sha256(token));
    if (!record) return { ok: false, reason: "The refresh token is unknown or its session has ended." };
    if (record.used_at) return { ok: false, reason: "The refresh token has already been used: refresh tokens rotate, use the newest one." };
    const session = this.session(record.session_id);
    if (!session || session.ended_at) return { ok: false, reason: "The session of this refresh token has ended (signed out)." };
    const user = this.user(session.user_id);
    if (!user) return { ok: false, reason: "The user of this refresh token no longer exists." };
    return { ok: true, session, user };
  }

  /** Marks a refresh token used, so it can never be exchanged again. */
  useRefreshToken(token: string): void {
    const record = this.data.refresh_tokens.find((t) => t.hash === sha256(token));
    if (record) {
      record.used_at = new Date().toISOString();
      this.save();
    }
  }

  // --- emailed codes ---

  issueCode(email: string, kind: CodeKind): string {
    const now = Date.now();
    const code = humanCode();
    const wanted = email.trim().toLowerCase();
    this.data.codes = this.data.codes.filter((c) => Date.parse(c.expires_at) > now && !(c.email === wanted && c.kind === kind));
    this.data.codes.push({
      email: wanted,
      kind,
      code,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + CODE_TTL_MS).toISOString(),
      used_at: null,
    });
    this.save();
    return code;
  }

  /** True (and the code is used up) when `code` is the current unexpired code of that kind. */
  useCode(email: string, kind: CodeKind, code: string): boolean {
    const record = this.latestCode(email, kind);
    if (!record || record.used_at || record.code !== code.trim() || Date.parse(record.expires_at) <= Date.now()) return false;
    record.used_at = new Date().toISOString();
    this.save();
    return true;
  }

  latestCode(email: string, kind: CodeKind) {
    const wanted = email.trim().toLowerCase();
    return this.data.codes.filter((c) => c.email === wanted && c.kind === kind).at(-1);
  }
}
