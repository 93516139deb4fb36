import type { Ctx } from "./context.ts";
import { invalidField } from "./errors.ts";

/** WorkOS's pagination parameters, as every list endpoint takes them. */
export interface ListParams {
  limit: number;
  before: string | undefined;
  after: string | undefined;
  order: "asc" | "desc";
}

const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 10;

/**
 * `limit` (1–100, default 10), `before`/`after` (an id of the list) and `order` (`asc`, `desc` or
 * `normal`; default `desc`, newest first). WorkOS does not say what `normal` means; it is read as
 * the default order. Anything else is a 422 naming the parameter.
 */
export function listParams(c: Ctx): ListParams {
  const limitText = c.req.query("limit");
  const limit = limitText === undefined || limitText === "" ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw invalidField("limit", `limit must be a whole number from 1 to ${MAX_LIMIT}, got "${limitText}".`);
  }
  const order = c.req.query("order") || "desc";
  if (order !== "asc" && order !== "desc" && order !== "normal") {
    throw invalidField("order", `order must be "asc", "desc" or "normal", got "${order}".`);
  }
  const before = c.req.query("before") || undefined;
  const after = c.req.query("after") || undefined;
  if (before && after) throw invalidField("before", "Pass `before` or `after`, not both.");
  return { limit, before, after, order: order === "asc" ? "asc" : "desc" };
}

/**
 * An array parameter as WorkOS documents them: comma-joined (`statuses=active,inactive`, what the
 * Node SDK sends); repeated `name[]=` or `name=` values are taken too. Undefined when absent.
 */
export function arrayParam(c: Ctx, name: string): string[] | undefined {
  const values = [...c.req.queries(name) ?? [], ...c.req.queries(`${name}[]`) ?? []];
  if (values.length === 0) return undefined;
  return values.flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
}

export interface ListResponse<R> {
  object: "list";
  data: R[];
  list_metadata: { before: string | null; after: string | null };
}

/**
 * One page of `records` (oldest first, as collections keep them) in WorkOS's list envelope. The
 * cursors are ids of the list: `after` of a page is its last item when more follow, `before` its
 * first item when some precede. A cursor that is not in the list is a 422: paging on from a
 * record that was deleted would otherwise silently restart.
 */
export function listPage<T extends { id: string }, R>(records: T[], params: ListParams, toResponse: (record: T) => R): ListResponse<R> {
  const ordered = params.order === "asc" ? records : [...records].reverse();
  let start = 0;
  let end = ordered.length;
  const cursor = params.after ?? params.before;
  if (cursor !== undefined) {
    const at = ordered.findIndex((record) => record.id === cursor);
    const field = params.after !== undefined ? "after" : "before";
    if (at < 0) throw invalidField(field, `${field} "${cursor}" is not an id of this list.`);
    if (params.after !== undefined) start = at + 1;
    else end = at;
  }
  if (params.before !== undefined) start = Math.max(start, end - params.limit);
  else end = Math.min(end, start + params.limit);
  const data = ordered.slice(start, end);
  return {
    object: "list",
    data: data.map(toResponse),
    list_metadata: {
      before: start > 0 && data.length > 0 ? data[0]!.id : null,
      after: end < ordered.length && data.length > 0 ? data.at(-1)!.id : null,
    },
  };
}
