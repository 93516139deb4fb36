import { describe, expect, it } from "vitest";
import { HttpError } from "./errors.ts";
import { listPage, type ListParams } from "./list.ts";

const records = Array.from({ length: 25 }, (_, i) => ({ id: `r${String(i).padStart(2, "0")}` }));
const ids = (page: { data: { id: string }[] }) => page.data.map((r) => r.id);
const params = (o: Partial<ListParams> = {}): ListParams => ({ limit: 10, before: undefined, after: undefined, order: "desc", ...o });

describe("WorkOS list pagination", () => {
  it("pages newest first by default, with an after cursor until the end", () => {
    const first = listPage(records, params(), (r) => r);
    expect(ids(first)).toEqual(["r24", "r23", "r22", "r21", "r20", "r19", "r18", "r17", "r16", "r15"]);
    expect(first.list_metadata).toEqual({ before: null, after: "r15" });
    const second = listPage(records, params({ after: "r15" }), (r) => r);
    expect(ids(second)[0]).toBe("r14");
    const third = listPage(records, params({ after: second.list_metadata.after! }), (r) => r);
    expect(ids(third)).toEqual(["r04", "r03", "r02", "r01", "r00"]);
    expect(third.list_metadata).toEqual({ before: "r04", after: null });
  });

  it("walks back with before, and forwards in asc order", () => {
    const back = listPage(records, params({ before: "r04" }), (r) => r);
    expect(ids(back)).toEqual(["r14", "r13", "r12", "r11", "r10", "r09", "r08", "r07", "r06", "r05"]);
    expect(back.list_metadata).toEqual({ before: "r14", after: "r05" });
    const asc = listPage(records, params({ order: "asc", limit: 3 }), (r) => r);
    expect(ids(asc)).toEqual(["r00", "r01", "r02"]);
  });

  it("refuses a cursor that is not in the list, naming the parameter", () => {
    expect(() => listPage(records, params({ after: "gone" }), (r) => r)).toThrow(HttpError);
    const refusal = (() => {
      try {
        listPage(records, params({ before: "gone" }), (r) => r);
      } catch (error) {
        return error as HttpError;
      }
    })();
    expect(refusal?.status).toBe(422);
    expect(refusal?.extra).toEqual({ errors: [{ field: "before", code: "invalid" }] });
  });

  it("answers an empty list with no cursors", () => {
    expect(listPage([], params(), (r) => r)).toEqual({ object: "list", data: [], list_metadata: { before: null, after: null } });
  });
});
