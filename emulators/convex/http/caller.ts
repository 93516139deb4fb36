import type { IncomingMessage } from "node:http";
import type { UserIdentity } from "convex/server";
import { AuthFailure, type TokenVerifier } from "../auth/verify.ts";
import { serverLog } from "../logs.ts";
import { sameSecret } from "../../shared/secrets.ts";
import { HttpError } from "./io.ts";

export interface Caller {
  identity: UserIdentity | null;
  admin: boolean;
}

/**
 * Who is calling, from the Authorization header: `Bearer <jwt>` (a user) or
 * `Convex <adminKey>[:<base64 identity>]` (the CLI or a dashboard, possibly acting as a user).
 */
export async function callerOf(req: IncomingMessage, verifier: TokenVerifier, adminKey: string): Promise<Caller> {
  const header = req.headers.authorization;
  if (!header) return { identity: null, admin: false };
  const [scheme, ...rest] = header.split(" ");
  const value = rest.join(" ").trim();
  if (scheme === "Bearer") {
    try {
      return { identity: (await verifier.verify(value)).identity, admin: false };
    } catch (error) {
      const message = error instanceof AuthFailure ? error.message : String(error);
      throw new HttpError(401, "Unauthenticated", message);
    }
  }
  if (scheme === "Convex") {
    const colon = value.indexOf(":");
    const key = colon === -1 ? value : value.slice(0, colon);
    if (!sameSecret(key, adminKey)) {
      throw new HttpError(401, "BadAdminKey", "The provided admin key was invalid for this instance. Use the key the local Convex printed at start.");
    }
    if (colon === -1) return { identity: null, admin: true };
    let identity: unknown;
    try {
      identity = JSON.parse(Buffer.from(value.slice(colon + 1), "base64").toString("utf8"));
    } catch {
      identity = null;
    }
    if (typeof identity !== "object" || identity === null || Array.isArray(identity)) {
      throw new HttpError(400, "HeaderParseFailure", "Malformed Authorization header: after the admin key and \":\" comes the identity to act as, base64 of a JSON object");
    }
    return { identity: identity as UserIdentity, admin: true };
  }
  throw new HttpError(401, "Unauthenticated", `Unsupported Authorization scheme "${scheme}": use "Bearer <token>" or "Convex <admin key>"`);
}

/**
 * Who is calling an HTTP action. Unlike the API, the backend lets the request through when its
 * Authorization header is not valid Convex auth (a webhook's own scheme, a foreign token): the
 * action runs with no identity, and the router decides.
 */
export async function httpActionCallerOf(req: IncomingMessage, verifier: TokenVerifier, adminKey: string): Promise<Caller> {
  try {
    return await callerOf(req, verifier, adminKey);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    serverLog(`HTTP action ${req.method} ${req.url}: the Authorization header is not valid Convex auth (${error.message}); running it with no identity`);
    return { identity: null, admin: false };
  }
}
