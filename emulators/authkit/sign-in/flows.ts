import { secretToken } from "../ids.ts";
import type { AuthenticationMethod } from "../store/sessions.ts";

const AUTHORIZATION_TTL_MS = 30 * 60 * 1000;
const CODE_TTL_MS = 10 * 60 * 1000;
/**
 * At most this many sign-ins in progress (and as many unexchanged codes): anyone can open
 * authorize URLs, each holding a `state` of their choosing. Past it the oldest is dropped, and its
 * browser, if it was a real one, is sent back to the app to start again.
 */
export const MAX_PENDING = 1000;

export type FlowStep = "credentials" | "sso" | "magic-auth" | "verify-email" | "choose-organization";

/** A sign-in that began at GET /user_management/authorize and has not reached the app yet. */
export interface PendingAuthorization {
  id: string;
  /** Echoed by every hosted form and checked on POST. */
  csrfToken: string;
  /** The browser (cookie) that started it: a form posted from another browser is refused. */
  browserId: string;
  redirectUri: string;
  state: string | undefined;
  codeChallenge: string;
  screenHint: "sign-in" | "sign-up";
  loginHint: string | undefined;
  organizationId: string | undefined;
  /** The invitation this sign-in accepts (from `invitation_token`): its email is the only one that may sign in or up. */
  invitationId: string | undefined;
  step: FlowStep;
  /** The email given on the first (email) step; the password or code step is for it. */
  email: string | undefined;
  /** The SSO connection this sign-in went to (step "sso"), set before the browser goes to the Local IdP. */
  connectionId: string | undefined;
  /** What the Local IdP asserted, for AuthKit's SSO callback to check and sign in. */
  ssoIdentity: { email: string; firstName: string | null; lastName: string | null } | undefined;
  /** How the user proved who they are, once they have; the session records it. */
  authenticationMethod: AuthenticationMethod | undefined;
  /** Who has proven their password so far (set once credentials are accepted). */
  userId: string | undefined;
  /** The email a password reset code was sent to. */
  resetEmail: string | undefined;
  expiresAt: number;
}

/** What an authorization code stands for until it is exchanged at POST /user_management/authenticate. */
export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  userId: string;
  organizationId: string | null;
  authenticationMethod: AuthenticationMethod;
  expiresAt: number;
}

/**
 * Sign-ins in progress and unexchanged codes. Both are short-lived, so they are kept in memory: a
 * restart in the middle of a sign-in sends the browser back to the app to start again.
 */
export class Flows {
  private readonly pending = new Map<string, PendingAuthorization>();
  private readonly codes = new Map<string, AuthorizationCode>();

  start(
    input: Pick<PendingAuthorization, "browserId" | "redirectUri" | "state" | "codeChallenge" | "screenHint" | "loginHint" | "organizationId"> &
      Partial<Pick<PendingAuthorization, "invitationId">>,
  ): PendingAuthorization {
    this.sweep();
    const flow: PendingAuthorization = {
      invitationId: undefined,
      ...input,
      id: secretToken(18),
      csrfToken: secretToken(18),
      step: "credentials",
      email: undefined,
      connectionId: undefined,
      ssoIdentity: undefined,
      authenticationMethod: undefined,
      userId: undefined,
      resetEmail: undefined,
      expiresAt: Date.now() + AUTHORIZATION_TTL_MS,
    };
    this.pending.set(flow.id, flow);
    dropOldest(this.pending);
    return flow;
  }

  get(id: string | undefined): PendingAuthorization | undefined {
    const flow = id ? this.pending.get(id) : undefined;
    if (!flow || flow.expiresAt <= Date.now()) return undefined;
    return flow;
  }

  /** Ends the sign-in and returns the single-use code the browser carries back to the app. */
  complete(flow: PendingAuthorization, clientId: string, userId: string, organizationId: string | null): string {
    this.pending.delete(flow.id);
    const code = secretToken(24);
    this.codes.set(code, {
      clientId,
      redirectUri: flow.redirectUri,
      codeChallenge: flow.codeChallenge,
      userId,
      organizationId,
      authenticationMethod: flow.authenticationMethod ?? "Password",
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    dropOldest(this.codes);
    return code;
  }

  /** Ends a sign-in that cannot go on (its browser was sent back to the app with an error). */
  abandon(flow: PendingAuthorization): void {
    this.pending.delete(flow.id);
  }

  /** The code's record, removed so it can never be used again; undefined if unknown or expired. */
  takeCode(code: string): AuthorizationCode | undefined {
    const record = this.codes.get(code);
    this.codes.delete(code);
    if (!record || record.expiresAt <= Date.now()) return undefined;
    return record;
  }

  /** Sign-ins in progress (for tests of the bound). */
  get size(): number {
    return this.pending.size;
  }

  clear(): void {
    this.pending.clear();
    this.codes.clear();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, flow] of this.pending) if (flow.expiresAt <= now) this.pending.delete(id);
    for (const [code, record] of this.codes) if (record.expiresAt <= now) this.codes.delete(code);
  }
}

/** Maps keep insertion order, so the first keys are the oldest. */
function dropOldest(map: Map<string, unknown>): void {
  for (const key of map.keys()) {
    if (map.size <= MAX_PENDING) return;
    map.delete(key);
  }
}
