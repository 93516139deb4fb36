import type { UserIdentity } from "convex/server";
import { AuthFailure, type TokenVerifier } from "../auth/verify.ts";
import { sameSecret } from "../../shared/secrets.ts";
import type { Incoming } from "./protocol.ts";

/** The backend's clock leeway, also applied when checking a held identity for expiry. */
const AUTH_LEEWAY_SECONDS = 5;

type Authenticate = Extract<Incoming, { type: "Authenticate" }>;

/** Who a socket is: its identity version, user identity (or admin) and when the token expires. */
export class SessionIdentity {
  /** Bumped by every accepted Authenticate; the client's `baseVersion` must match it. */
  version = 0;
  user: UserIdentity | null = null;
  admin = false;
  private expiresAt: number | null = null;

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly adminKey: string,
  ) {}

  /** Applies an Authenticate message; resolves to null when accepted, or the reason it was refused. */
  async apply(msg: Authenticate): Promise<string | null> {
    if (msg.tokenType === "None") {
      this.set(null, null, false);
    } else if (msg.tokenType === "Admin") {
      if (!sameSecret(msg.value, this.adminKey)) return "The admin key is not valid for this local deployment";
      this.set((msg.impersonating as UserIdentity | undefined) ?? null, null, true);
    } else {
      try {
        const verified = await this.verifier.verify(msg.value);
        this.set(verified.identity, verified.expiresAt, false);
      } catch (error) {
        return error instanceof AuthFailure ? error.message : `Could not verify token: ${String(error)}`;
      }
    }
    this.version += 1;
    return null;
  }

  /** Whose requests these are: admin, a user by token identifier, or anonymous. */
  scope(): string {
    if (this.admin) return "admin";
    return this.user ? `user:${this.user.tokenIdentifier}` : "anonymous";
  }

  /** Like the backend, a token's expiry is checked whenever functions run for the socket. */
  expired(): boolean {
    return this.expiresAt !== null && Date.now() / 1000 > this.expiresAt + AUTH_LEEWAY_SECONDS;
  }

  private set(user: UserIdentity | null, expiresAt: number | null, admin: boolean): void {
    this.user = user;
    this.expiresAt = expiresAt;
    this.admin = admin;
  }
}
