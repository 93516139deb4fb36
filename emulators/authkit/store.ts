import { createHash } from "node:crypto";
import path from "node:path";
import { readJsonFile, writeJsonAtomic } from "../shared/json-file.ts";
import { sameSecret } from "../shared/secrets.ts";
import { humanCode, newId, secretToken } from "./ids.ts";
import { loadSeed } from "./seed.ts";
import type { ChangeListener, Collection, CollectionSpec } from "./store/collection.ts";
import { codeKey, type CodeKind, type CodeRecord } from "./store/codes.ts";
import { COLLECTIONS } from "./store/collections.ts";
import { Database, type Lists } from "./store/database.ts";
import { membershipStatus, type MembershipRecord } from "./store/memberships.ts";
import type { OrganizationRecord } from "./store/organizations.ts";
import type { RefreshTokenRecord } from "./store/refresh-tokens.ts";
import type { RoleRecord } from "./store/roles.ts";
import type { AuthenticationMethod, SessionRecord } from "./store/sessions.ts";
import { normalizeEmail, type UserRecord } from "./store/users.ts";

const CODE_TTL_MS = 15 * 60 * 1000;
// Used refresh tokens and ended sessions are kept a day (so a replay is reported as such), then forgotten.
const ENDED_RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * How long after a rotation the used refresh token still gets the same successor back: a page
 * that reloaded (or a second tab that refreshed) mid-refresh never saw the answer and sends the
 * old token again. After it, a used token presented again ends its session (RFC 9700 §4.14.2).
 */
export const REFRESH_REPLAY_GRACE_MS = 10_000;

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

export type RefreshOutcome = { ok: true; session: SessionRecord; user: UserRecord } | { ok: false; reason: string };

/** What presenting a refresh token for rotation came to; `reason` is worded for the client (an invalid_grant description). */
export type RefreshRotation =
  /** The token was live: it is used up now, and `refreshToken` is its successor. */
  | { status: "ok"; session: SessionRecord; user: UserRecord; refreshToken: string }
  /** The token was rotated moments ago (within REFRESH_REPLAY_GRACE_MS): `refreshToken` is the successor already issued. */
  | { status: "replay-in-grace"; session: SessionRecord; user: UserRecord; refreshToken: string }
  /** The token was used before, longer ago than the grace: its session (the whole token family) is ended now. */
  | { status: "replay-revoked"; sessionId: string; reason: string }
  /** No such token (never issued, or forgotten a day after its use). */
  | { status: "unknown"; reason: string }
  /** The token's session has ended (signed out or revoked), or its user is gone. */
  | { status: "ended"; reason: string };

type IndexOf<S> = S extends CollectionSpec<infer _T, infer I, infer _N> ? I : never;
type RecordOf<S> = S extends CollectionSpec<infer T, infer _I, infer _N> ? T : never;
type Specs = typeof COLLECTIONS;
export type Collections = { readonly [K in keyof Specs]: Collection<RecordOf<Specs[K]>, IndexOf<Specs[K]>> };

/** A base class with one property per collection (`store.users`, `store.memberships`, …), typed from COLLECTIONS. */
const WithCollections = class {
  constructor(db: Database) {
    for (const [property, spec] of Object.entries(COLLECTIONS)) {
      Object.defineProperty(this, property, { value: db.collection(spec as CollectionSpec<unknown>), enumerable: true });
    }
  }
} as new (db: Database) => Collections;

function readDataFile(file: string): Lists | undefined {
  const read = readJsonFile(file, "Delete it (or start with --reset) to start over from the seed");
  if (read === null) return undefined;
  const saved = read.value;
  if (typeof saved !== "object" || saved === null || Array.isArray(saved)) {
    throw new Error(`${file} does not hold a JSON object: delete it (or start with --reset) to start over from the seed.`);
  }
  const lists = saved as Partial<Lists>;
  if (lists.version !== 1) {
    throw new Error(`${file} has unknown version ${String(lists.version)}: delete it to start over from the seed.`);
  }
  // A list the file does not have yet (a collection added since it was written) starts empty.
  const broken = Object.values(COLLECTIONS).find((spec) => spec.name in lists && !Array.isArray(lists[spec.name]));
  if (broken) throw new Error(`${file} has a \`${broken.name}\` that is not a list: delete it (or start with --reset) to start over from the seed.`);
  return lists as Lists;
}

/**
 * The one store: a typed collection per resource (users, organizations, memberships, roles,
 * sessions, refresh tokens, emailed codes) over one data file. Every change is written to
 * `<dataDir>/data.json` at once (atomically); with no dataDir it lives in memory only. A change
 * whose save fails is undone in memory too, so what the server answers always matches what it will
 * remember after a restart; change hooks (`onChange`) hear only of changes that were saved.
 */
export class Store extends WithCollections {
  /** Successor refresh tokens by their hash, kept in memory (never on disk) for the replay grace period. */
  private readonly successors = new Map<string, { token: string; until: number }>();

  private constructor(
    private readonly db: Database,
    private readonly file: string | null,
    private readonly seedFile: string,
  ) {
    super(db);
  }

  static async open(dataDir: string | null, seedFile: string): Promise<Store> {
    const file = dataDir === null ? null : path.join(dataDir, "data.json");
    const saved = file ? readDataFile(file) : undefined;
    const data = saved ?? ((await loadSeed(seedFile)) as unknown as Lists);
    const save = (lists: Lists) => {
      if (file) writeJsonAtomic(file, lists, { pretty: true });
    };
    const reportHookError = (error: unknown, change: { collection: string; kind: string }) => {
      console.error(`[authkit] A change hook failed on ${change.collection} ${change.kind} (the change itself is saved):`, error);
    };
    const store = new Store(new Database(data, save, reportHookError), file, seedFile);
    if (!saved) store.db.atomically(() => undefined);
    return store;
  }

  get dataFile(): string | null {
    return this.file;
  }

  /**
   * Runs `change` and saves once; when `change` or the save throws, the data is put back as it
   * was. Changes inside a change are part of it (one save, undone together).
   */
  atomically<T>(change: () => T): T {
    return this.db.atomically(change);
  }

  /** Hears every saved change to any collection (each collection has its own `onChange` too). */
  onChange(listener: ChangeListener): () => void {
    return this.db.listen(null, listener);
  }

  async reset(): Promise<void> {
    const seed = await loadSeed(this.seedFile);
    this.db.replaceAll(seed as unknown as Lists);
    this.successors.clear();
  }

  // --- users, organizations, memberships, roles ---

  userByEmail(email: string): UserRecord | undefined {
    return this.users.find("email", email);
  }

  user(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  createUser(input: {
    email: string;
    passwordHash: string | null;
    firstName?: string | null;
    lastName?: string | null;
    emailVerified?: boolean;
  }): UserRecord {
    const email = normalizeEmail(input.email);
    // Checked here, with no await between check and insert, so parallel sign-ups make one account.
    if (this.userByEmail(email)) throw new EmailTakenError(email);
    const now = new Date().toISOString();
    return this.users.insert({
      id: newId("user"),
      email,
      email_verified: input.emailVerified ?? false,
      first_name: input.firstName || null,
      last_name: input.lastName || null,
      profile_picture_url: null,
      last_sign_in_at: null,
      external_id: null,
      metadata: {},
      created_at: now,
      updated_at: now,
      password_hash: input.passwordHash,
    });
  }

  updateUser(id: string, changes: Partial<Pick<UserRecord, "email_verified" | "password_hash" | "last_sign_in_at">>): UserRecord {
    if (!this.user(id)) throw new Error(`No user ${id}`);
    return this.users.update(id, changes);
  }

  organization(id: string): OrganizationRecord | undefined {
    return this.organizations.get(id);
  }

  createOrganization(name: string, id = newId("org")): OrganizationRecord {
    const now = new Date().toISOString();
    return this.organizations.insert({ id, name, external_id: null, metadata: {}, created_at: now, updated_at: now });
  }

  role(slug: string): RoleRecord | undefined {
    return this.roles.get(slug);
  }

  /**
   * The user's ACTIVE memberships: what sign-in (the organization picker) and token claims go by.
   * Inactive and pending ones are in `store.memberships` (see provisioning/memberships.ts).
   */
  membershipsOf(userId: string): MembershipRecord[] {
    return this.memberships.findBy("user_id", userId).filter((m) => membershipStatus(m) === "active");
  }

  /** The user's ACTIVE membership of the organization: a deactivated member cannot sign in to it or refresh into it. */
  membership(userId: string, organizationId: string): MembershipRecord | undefined {
    return this.membershipsOf(userId).find((m) => m.organization_id === organizationId);
  }

  /** A new active membership, unchecked; provisioning/memberships.ts `addMembership` checks the role and reactivates an inactive one. */
  createMembership(userId: string, organizationId: string, role: string): MembershipRecord {
    const now = new Date().toISOString();
    return this.memberships.insert({
      id: newId("om"),
      user_id: userId,
      organization_id: organizationId,
      role,
      status: "active",
      directory_managed: false,
      custom_attributes: {},
      created_at: now,
      updated_at: now,
    });
  }

  // --- sessions and refresh tokens ---

  session(id: string): SessionRecord | undefined {
    return this.sessions.get(id);
  }

  createSession(userId: string, organizationId: string | null, authenticationMethod: AuthenticationMethod = "Password"): SessionRecord {
    return this.atomically(() => {
      // Ended sessions are kept a day (logout is idempotent, a replayed token says "signed out"), then forgotten with their tokens.
      const cutoff = Date.now() - ENDED_RETENTION_MS;
      const old = new Set(this.sessions.list((s) => !!s.ended_at && Date.parse(s.ended_at) <= cutoff).map((s) => s.id));
      if (old.size) {
        this.refreshTokens.deleteWhere((t) => old.has(t.session_id));
        this.sessions.deleteWhere((s) => old.has(s.id));
      }
      return this.sessions.insert({
        id: newId("session"),
        user_id: userId,
        organization_id: organizationId,
        authentication_method: authenticationMethod,
        created_at: new Date().toISOString(),
        ended_at: null,
      });
    });
  }

  /** Moves a session to another organization (or none); takes the session's id, as records are replaced when a change is undone. */
  setSessionOrganization(sessionId: string, organizationId: string | null): void {
    if (!this.session(sessionId)) throw new Error(`No session ${sessionId}`);
    this.sessions.update(sessionId, { organization_id: organizationId });
  }

  /** Ends a session and so its refresh token family; false when it had ended already (or never was). */
  endSession(id: string): boolean {
    const session = this.session(id);
    if (!session || session.ended_at) return false;
    this.sessions.update(id, { ended_at: new Date().toISOString() });
    return true;
  }

  /** A new refresh token for the session (the token is returned once; only its hash is kept). */
  issueRefreshToken(sessionId: string): string {
    const token = secretToken(24);
    this.atomically(() => {
      const cutoff = Date.now() - ENDED_RETENTION_MS;
      this.refreshTokens.deleteWhere((t) => !!t.used_at && Date.parse(t.used_at) <= cutoff);
      this.refreshTokens.insert({ hash: sha256(token), session_id: sessionId, created_at: new Date().toISOString(), used_at: null, replaced_by: null });
    });
    return token;
  }

  /** Why a refresh token's session cannot be refreshed, or its session and user when it can (whether or not the token is used). */
  private tokenSession(record: RefreshTokenRecord): { session: SessionRecord; user: UserRecord } | { reason: string } {
    const session = this.session(record.session_id);
    if (!session || session.ended_at) {
      return { reason: "The session of this refresh token has ended (signed out, or ended because a used refresh token was presented again): sign in again." };
    }
    const user = this.user(session.user_id);
    if (!user) return { reason: "The user of this refresh token no longer exists." };
    return { session, user };
  }

  /** Checks a refresh token without using it up. */
  checkRefreshToken(token: string): RefreshOutcome {
    const record = this.refreshTokens.get(sha256(token));
    if (!record) return { ok: false, reason: "The refresh token is unknown or its session has ended." };
    if (record.used_at) return { ok: false, reason: "The refresh token has already been used: refresh tokens rotate, use the newest one." };
    const found = this.tokenSession(record);
    return "reason" in found ? { ok: false, reason: found.reason } : { ok: true, ...found };
  }

  /** Marks a refresh token used, so it can never be exchanged again. */
  useRefreshToken(token: string): void {
    const hash = sha256(token);
    if (this.refreshTokens.get(hash)) this.refreshTokens.update(hash, { used_at: new Date().toISOString() });
  }

  /**
   * Exchanges a refresh token for its successor, with reuse detection (OAuth 2.1, RFC 9700): a
   * live token is used up and replaced in one save, after `prepare` (changes that belong to the
   * same save, such as switching the session's organization; when it throws, nothing changes). A
   * used token within REFRESH_REPLAY_GRACE_MS of its rotation gets the same successor back
   * (`prepare` is not run); later, it ends its session, so whoever holds the family must sign in
   * again. The successor's value is kept in memory only for the grace period: after a restart a
   * replay counts as one outside the grace.
   */
  rotateRefreshToken(token: string, prepare?: (session: SessionRecord, user: UserRecord) => void): RefreshRotation {
    const record = this.refreshTokens.get(sha256(token));
    if (!record) return { status: "unknown", reason: "The refresh token is unknown (never issued here, or used more than a day ago)." };
    const found = this.tokenSession(record);
    if ("reason" in found) return { status: "ended", reason: found.reason };
    const { session, user } = found;
    if (record.used_at) {
      const successor = this.successorInGrace(record);
      if (successor) return { status: "replay-in-grace", session, user, refreshToken: successor };
      this.endSession(session.id);
      return {
        status: "replay-revoked",
        sessionId: session.id,
        reason:
          "The refresh token has already been used: refresh tokens rotate, use the newest one. A used token presented again may have been stolen, so its session is now ended: sign in again.",
      };
    }
    const refreshToken = this.atomically(() => {
      prepare?.(session, user);
      const successor = this.issueRefreshToken(session.id);
      const now = Date.now();
      this.refreshTokens.update(record.hash, { used_at: new Date(now).toISOString(), replaced_by: sha256(successor) });
      this.db.afterCommit(() => this.remember(successor, now + REFRESH_REPLAY_GRACE_MS));
      return successor;
    });
    return { status: "ok", session, user, refreshToken };
  }

  private remember(token: string, until: number): void {
    const now = Date.now();
    for (const [hash, kept] of this.successors) if (kept.until < now) this.successors.delete(hash);
    this.successors.set(sha256(token), { token, until });
  }

  /** The family's current token when `record` was rotated within the grace period and that token's value is still in memory. */
  private successorInGrace(record: RefreshTokenRecord): string | undefined {
    if (!record.used_at || Date.now() - Date.parse(record.used_at) > REFRESH_REPLAY_GRACE_MS) return undefined;
    // Follow the rotations made since (a second tab may have refreshed again) to the live token.
    let current: RefreshTokenRecord | undefined = record;
    while (current?.used_at) current = current.replaced_by ? this.refreshTokens.get(current.replaced_by) : undefined;
    return current && this.successors.get(current.hash)?.token;
  }

  // --- emailed codes ---

  /** A new code of this kind for the address (replacing the last), valid `ttlMs` (15 minutes unless given). */
  issueCode(email: string, kind: CodeKind, ttlMs = CODE_TTL_MS): string {
    const now = Date.now();
    const code = humanCode();
    this.atomically(() => {
      this.codes.deleteWhere((c) => Date.parse(c.expires_at) <= now || codeKey(c.email, c.kind) === codeKey(email, kind));
      this.codes.insert({
        email: normalizeEmail(email),
        kind,
        code,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + ttlMs).toISOString(),
        used_at: null,
      });
    });
    return code;
  }

  /** True (and the code is used up) when `code` is the current unexpired code of that kind. */
  useCode(email: string, kind: CodeKind, code: string): boolean {
    const record = this.latestCode(email, kind);
    if (!record || record.used_at || !sameSecret(code.trim(), record.code) || Date.parse(record.expires_at) <= Date.now()) return false;
    this.codes.update(codeKey(email, kind), { used_at: new Date().toISOString() });
    return true;
  }

  latestCode(email: string, kind: CodeKind): CodeRecord | undefined {
    return this.codes.get(codeKey(email, kind));
  }
}

