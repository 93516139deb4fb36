import { getConvexSize, type Value } from "convex/values";

/**
 * The limits of a Convex deployment that a developer would otherwise first meet in production,
 * with the backend's names and wording, and the caps that keep one client of the local Convex
 * from hurting the others. Values from Convex's limits page and its backend's knobs
 * (`FUNCTION_MAX_ARGS_SIZE`, `FUNCTION_MAX_RESULT_SIZE`, the sync worker's operation queue).
 */
const MiB = 1024 * 1024;

/** A function's arguments, as the one-element args array (Convex: 16 MiB). */
export const FUNCTION_MAX_ARGS_BYTES = 16 * MiB;
/** A function's return value (Convex: 16 MiB). */
export const FUNCTION_MAX_RESULT_BYTES = 16 * MiB;
/** One sync message from a client (Convex's WebSocket accepts 16 MiB frames). */
export const SYNC_MAX_MESSAGE_BYTES = 16 * MiB;
/** Mutations waiting behind the running one on one socket (Convex: 1000, then close 1013). */
export const SYNC_MAX_WAITING_MUTATIONS = 1000;
/** Actions running at once for one socket (Convex: 1000, then close 1013). */
export const SYNC_MAX_INFLIGHT_ACTIONS = 1000;
/**
 * Subscribed queries on one socket. Convex documents no such limit; this one is the local Convex's
 * own, far above what an app subscribes to, so that one socket cannot make every commit slow.
 */
export const SYNC_MAX_QUERIES = 4096;

/** Close code for "try again later" (RFC 6455 1013), which Convex uses for its per-socket caps. */
export const CLOSE_TRY_AGAIN_LATER = 1013;

/** `1234567` → `"1.18 MiB"`, as the backend prints sizes (binary units, up to two decimals). */
export function formatSize(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let unit = 0;
  let value = bytes;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : Number(value.toFixed(2))} ${units[unit]}`;
}

/** The backend displays function paths as `module.js:function` in these messages. */
function displayPath(canonical: string): string {
  const [modulePath, exportName] = canonical.split(":");
  return `${modulePath}.js:${exportName}`;
}

/**
 * An error the backend raises itself rather than the function's code: the client receives its
 * message as is, without `Uncaught`.
 */
export class LimitError extends Error {
  override name = "LimitError";
}

// Sizes are counted as the convex package counts them (`getConvexSize`), its rule for the backend's.
export function checkArgsSize(canonical: string, args: Record<string, Value>): void {
  const size = getConvexSize([args]);
  if (size > FUNCTION_MAX_ARGS_BYTES) {
    throw new LimitError(`Arguments for ${displayPath(canonical)} are too large (actual: ${formatSize(size)}, limit: ${formatSize(FUNCTION_MAX_ARGS_BYTES)})`);
  }
}

export function checkResultSize(canonical: string, result: Value): void {
  let size: number;
  try {
    size = getConvexSize(result);
  } catch {
    // Not a Convex value (yet): convex-test reports that itself, with its own message.
    return;
  }
  if (size > FUNCTION_MAX_RESULT_BYTES) {
    throw new LimitError(`Function ${displayPath(canonical)} return value is too large (actual: ${formatSize(size)}, limit: ${formatSize(FUNCTION_MAX_RESULT_BYTES)})`);
  }
}

const GUARDED = Symbol("local-convex.resultSizeGuarded");

interface HandlerHolder {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  _handler?: (...args: unknown[]) => unknown;
  [GUARDED]?: true;
}

/**
 * Makes every Convex function a module exports fail when it returns more than the limit, inside
 * its own run: a mutation that returns too much then commits nothing, and a nested
 * `ctx.runQuery`/`runMutation` fails in its caller, as on the backend. convex-test calls a
 * registered function's `_handler`, so that is what is wrapped, once per function object.
 */
export function guardResultSizes(mod: Record<string, unknown>, modulePath: string): void {
  for (const [name, value] of Object.entries(mod)) {
    const fn = value as HandlerHolder | null;
    if ((typeof fn !== "function" && typeof fn !== "object") || fn === null || typeof fn._handler !== "function" || fn[GUARDED]) continue;
    if (!fn.isQuery && !fn.isMutation && !fn.isAction) continue;
    const handler = fn._handler;
    const canonical = `${modulePath}:${name}`;
    fn._handler = async function (this: unknown, ...args: unknown[]) {
      const result = (await handler.apply(this, args)) as Value | undefined;
      checkResultSize(canonical, result ?? null);
      return result;
    };
    fn[GUARDED] = true;
  }
}
