import { paginationOptsValidator, queryGeneric } from "convex/server";
import { v, type PropertyValidators } from "convex/values";
import { describe, expect, test } from "vitest";
import type { RegisteredFunction } from "../functions.ts";
import { acceptsEndCursor, argsWithJournal } from "./journal.ts";

const withArgs = (args: PropertyValidators | undefined) => queryGeneric({ args, handler: async () => null }) as unknown as RegisteredFunction;
const firstPage = { paginationOpts: { numItems: 2, cursor: null } };

describe("pagination journals follow the args validator", () => {
  test("added for paginationOptsValidator, and for functions without an args validator", () => {
    expect(argsWithJournal(firstPage, "journal", withArgs({ paginationOpts: paginationOptsValidator }))).toEqual({
      paginationOpts: { numItems: 2, cursor: null, endCursor: "journal" },
    });
    expect(acceptsEndCursor(withArgs(undefined))).toBe(true);
    expect(acceptsEndCursor(withArgs({ paginationOpts: v.any() }))).toBe(true);
    expect(acceptsEndCursor(withArgs({ paginationOpts: v.object({ numItems: v.number(), cursor: v.null(), endCursor: v.optional(v.union(v.null(), v.string())) }) }))).toBe(true);
  });

  test("left out where the validator would refuse endCursor", () => {
    const handWritten = withArgs({ paginationOpts: v.object({ numItems: v.number(), cursor: v.union(v.string(), v.null()) }) });
    expect(argsWithJournal(firstPage, "journal", handWritten)).toBe(firstPage);
    expect(acceptsEndCursor(withArgs({ paginationOpts: v.object({ numItems: v.number(), cursor: v.null(), endCursor: v.optional(v.number()) }) }))).toBe(false);
    expect(acceptsEndCursor({})).toBe(false);
  });
});
