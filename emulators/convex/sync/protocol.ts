import type { JSONValue } from "convex/values";

/**
 * Wire types of the sync protocol. The client package does not export them, so the shapes here follow `convex/src/browser/sync/protocol.ts` (1.48.0).
 */
export type EncodedTs = string;

export interface StateVersion {
  querySet: number;
  identity: number;
  ts: bigint;
}

export type Incoming =
  | { type: "Connect"; sessionId: string; connectionCount: number; lastCloseReason: string | null; maxObservedTimestamp?: EncodedTs; clientTs?: number }
  | { type: "ModifyQuerySet"; baseVersion: number; newVersion: number; modifications: QuerySetModification[] }
  | { type: "Mutation"; requestId: number; udfPath: string; args: JSONValue[]; componentPath?: string }
  | { type: "Action"; requestId: number; udfPath: string; args: JSONValue[]; componentPath?: string }
  | { type: "Authenticate"; baseVersion: number; tokenType: "User"; value: string }
  | { type: "Authenticate"; baseVersion: number; tokenType: "Admin"; value: string; impersonating?: Record<string, JSONValue> }
  | { type: "Authenticate"; baseVersion: number; tokenType: "None" }
  | { type: "Event"; eventType: string; event: unknown };

export type QuerySetModification =
  | { type: "Add"; queryId: number; udfPath: string; args: JSONValue[]; journal?: string | null; componentPath?: string }
  | { type: "Remove"; queryId: number };

export type StateModification =
  | { type: "QueryUpdated"; queryId: number; value: JSONValue; logLines: string[]; journal: string | null }
  | { type: "QueryFailed"; queryId: number; errorMessage: string; logLines: string[]; journal: string | null; errorData?: JSONValue }
  | { type: "QueryRemoved"; queryId: number };

export type Outgoing =
  | {
      type: "Transition";
      startVersion: EncodedVersion;
      endVersion: EncodedVersion;
      modifications: StateModification[];
      clientClockSkew?: number;
      serverTs?: number;
    }
  | { type: "MutationResponse"; requestId: number; success: true; result: JSONValue; ts: EncodedTs; logLines: string[] }
  | { type: "MutationResponse"; requestId: number; success: false; result: string; logLines: string[]; errorData?: JSONValue }
  | { type: "ActionResponse"; requestId: number; success: true; result: JSONValue; logLines: string[] }
  | { type: "ActionResponse"; requestId: number; success: false; result: string; logLines: string[]; errorData?: JSONValue }
  | { type: "AuthError"; error: string; baseVersion: number; authUpdateAttempted: boolean }
  | { type: "FatalError"; error: string }
  | { type: "Ping" };

interface EncodedVersion {
  querySet: number;
  identity: number;
  ts: EncodedTs;
}

/** u64 → base64 of its 8 little-endian bytes, as `longToU64` in the client expects. */
export function encodeTs(ts: bigint): EncodedTs {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64LE(ts);
  return buf.toString("base64");
}

export function decodeTs(encoded: EncodedTs): bigint {
  return Buffer.from(encoded, "base64").readBigUInt64LE();
}

export function encodeVersion(v: StateVersion): EncodedVersion {
  return { querySet: v.querySet, identity: v.identity, ts: encodeTs(v.ts) };
}

/** Parses one frame; throws with a message saying what is wrong. */
export function parseIncoming(text: string): Incoming {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    throw new Error(`frame is not JSON: ${text.slice(0, 80)}`);
  }
  if (typeof msg !== "object" || msg === null || typeof (msg as { type?: unknown }).type !== "string") {
    throw new Error(`frame has no message type: ${text.slice(0, 80)}`);
  }
  const m = msg as Incoming;
  const need = (cond: boolean, what: string) => {
    if (!cond) throw new Error(`${m.type} message ${what}`);
  };
  switch (m.type) {
    case "Connect":
      need(typeof m.sessionId === "string", "needs a sessionId");
      break;
    case "ModifyQuerySet":
      need(Number.isInteger(m.baseVersion) && Number.isInteger(m.newVersion) && Array.isArray(m.modifications), "needs baseVersion, newVersion and modifications");
      break;
    case "Mutation":
    case "Action":
      need(Number.isInteger(m.requestId) && typeof m.udfPath === "string" && Array.isArray(m.args), "needs requestId, udfPath and args");
      break;
    case "Authenticate":
      need(Number.isInteger(m.baseVersion) && ["User", "Admin", "None"].includes(m.tokenType), "needs baseVersion and tokenType");
      break;
    case "Event":
      break;
    default:
      throw new Error(`unknown message type "${(m as { type: string }).type}"`);
  }
  return m;
}
