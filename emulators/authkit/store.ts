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
import { readJsonFile, writeJsonAtomic } from "../shared/json-file.ts";
import { sameSecret } from "../shared/secrets.ts";
import { humanCode, newId, secretToken } from "./ids.ts";
import { loadSeed } from "./seed.ts";

const CODE_TTL_MS = 15 * 60 * 1000;
// Used refresh tokens and ended sessions are kept a day (so a replay is reported as such), then forgotten.
const ENDED_RETENTION_MS = 24 * 60 * 60 * 1000;

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

/** A second account for an email that already has one. */
export class EmailTakenError extends Error {
  constructor(readonly email: string) {
    super(`A user with email ${email} already exists.`);
    this.name = "EmailTakenError";
  }
}

export type RefreshOutcome =
  | { ok: true; session: SessionRecord; user: UserRecord }
  | { ok: false; reason: string };

/**
 * The one store: users, organizations, memberships, roles, sessions, refresh tokens and the
 * emailed codes. Every change is written to `<dataDir>/data.json` at once (atomically); with no
 * dataDir it lives in memory only. A change whose save fails is undone in memory too, so what the
 * server answers always matches what it will remember after a restart.
 */
export class Store {
  private changing = false;

  private constructor(
    private data: Data,
    private readonly file: string | null,
    private readonly seedFile: string,
  ) {}

  static async open(dataDir: string | null, seedFile: string): Promise<Store> {
    const file = dataDir === null ? null : path.join(dataDir, "data.json");
    const saved = file ? (readJsonFile(file, "Delete it (or start with --reset) to start over from the seed")?.value as Data | undefined) : undefined;
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
    if (this.file) writeJsonAtomic(this.file, this.data, { pretty: true });
  }

  /**
   * Runs `change` and saves once; when `change` or the save throws, the data is put back as it
   * was. Changes inside a change are part of it (one save, undone together).
   */
  atomically<T>(change: () => T): T {
    if (this.changing) return change();
    const before = structuredClone(this.data);
    this.changing = true;
    try {
      const result = change();
      this.save();
      return result;
    } catch (error) {
      this.data = before;
      throw error;
    } finally {
      this.changing = false;
    }
  }

  async reset(): Promise<void> {
    const seed = await loadSeed(this.seedFile);
    this.atomically(() => {
      this.data = seed;
    });
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
    const email = input.email.trim().toLowerCase();
    // Checked here, with no await between check and insert, so parallel sign-ups make one account.
    if (this.userByEmail(email)) throw new EmailTakenError(email);
    const now = new Date().toISOString();
    const user: UserRecord = {
      id: newId("user"),
      email,
      email_verified: input.emailVerified ?? false,
      first_name: input.firstName || null,
      last_name: input.lastName || null,
      profile_picture_url: null,
      last_sign_in_at: null,
      created_at: now,
      updated_at: now,
      password_hash: input.passwordHash,
    };
    this.atomically(() => this.data.users.push(user));
    return user;
  }

  updateUser(id: string, changes: Partial<Pick<UserRecord, "email_verified" | "password_hash" | "last_sign_in_at">>): UserRecord {
    return this.atomically(() => {
      const user = this.user(id);
      if (!user) throw new Error(`No user ${id}`);
      return Object.assign(user, changes, { updated_at: new Date().toISOString() });
    });
  }

  organization(id: string): OrganizationRecord | undefined {
    return this.data.organizations.find((o) => o.id === id);
  }

  createOrganization(name: string, id = newId("org")): OrganizationRecord {
    const now = new Date().toISOString();
    const org = { id, name, created_at: now, updated_at: now };
    this.atomically(() => this.data.organizations.push(org));
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
    this.atomically(() => this.data.memberships.push(membership));
    return membership;
  }

  // --- sessions and refresh tokens ---

  session(id: string): SessionRecord | undefined {
    return this.data.sessions.find((s) => s.id === id);
  }

  createSession(userId: string, organizationId: string | null): SessionRecord {
    const session: SessionRecord = {
      id: newId("session"),
      user_id: userId,
      organization_id: organizationId,
      authentication_method: "Password",
      created_at: new Date().toISOString(),
      ended_at: null,
    };
    this.atomically(() => {
      // Ended sessions are kept a day (logout is idempotent), then forgotten so the file stays small.
      const cutoff = Date.now() - ENDED_RETENTION_MS;
      this.data.sessions = this.data.sessions.filter((s) => !s.ended_at || Date.parse(s.ended_at) > cutoff);
      this.data.sessions.push(session);
    });
    return session;
  }

  /** Moves a session to another organization (or none); takes the session's id, as records are replaced when a change is undone. */
  setSessionOrganization(sessionId: string, organizationId: string | null): void {
    this.atomically(() => {
      const session = this.session(sessionId);
      if (!session) throw new Error(`No session ${sessionId}`);
      session.organization_id = organizationId;
    });
  }

  endSession(id: string): boolean {
    return this.atomically(() => {
      const session = this.session(id);
      if (!session || session.ended_at) return false;
      session.ended_at = new Date().toISOString();
      this.data.refresh_tokens = this.data.refresh_tokens.filter((t) => t.session_id !== id);
      return true;
    });
  }

  /** A new refresh token for the session (the token is returned once; only its hash is kept). */
  issueRefreshToken(sessionId: string): string {
    const token = secretToken(24);
    this.atomically(() => {
      const cutoff = Date.now() - ENDED_RETENTION_MS;
      this.data.refresh_tokens = this.data.refresh_tokens.filter((t) => !t.used_at || Date.parse(t.used_at) > cutoff);
      this.data.refresh_tokens.push({ hash: sha256(token), session_id: sessionId, created_at: new Date().toISOString(), used_at: null });
    });
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
    this.atomically(() => {
      const record = this.data.refresh_tokens.find((t) => t.hash === sha256(token));
      if (record) record.used_at = new Date().toISOString();
    });
  }

  // --- emailed codes ---

  issueCode(email: string, kind: CodeKind): string {
    const now = Date.now();
    const code = humanCode();
    const wanted = email.trim().toLowerCase();
    this.atomically(() => {
      this.data.codes = this.data.codes.filter((c) => Date.parse(c.expires_at) > now && !(c.email === wanted && c.kind === kind));
      this.data.codes.push({
        email: wanted,
        kind,
        code,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + CODE_TTL_MS).toISOString(),
        used_at: null,
      });
    });
    return code;
  }

  /** True (and the code is used up) when `code` is the current unexpired code of that kind. */
  useCode(email: string, kind: CodeKind, code: string): boolean {
    return this.atomically(() => {
      const record = this.latestCode(email, kind);
      if (!record || record.used_at || !sameSecret(code.trim(), record.code) || Date.parse(record.expires_at) <= Date.now()) return false;
      record.used_at = new Date().toISOString();
      return true;
    });
  }

  latestCode(email: string, kind: CodeKind) {
    const wanted = email.trim().toLowerCase();
    return this.data.codes.filter((c) => c.email === wanted && c.kind === kind).at(-1);
  }
}
