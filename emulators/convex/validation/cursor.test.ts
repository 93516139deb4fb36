import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api } from "../fixtures/basic/convex/_generated/api.js";
import { newClient, startBasic, watch, type Started } from "../testing/harness.ts";

/**
 * A cursor the backend did not issue fails to decrypt there, and `paginate()` throws
 * "Failed to parse cursor" inside the function (crates/keybroker `cursor_parse_error`),
 * which the client sees as the function's uncaught error.
 */
let started: Started;
let http: ConvexHttpClient;
beforeAll(async () => {
  started = await startBasic();
  http = new ConvexHttpClient(started.server.url);
  for (const body of ["one", "two", "three"]) await http.mutation(api.messages.send, { author: "cursor", body });
});
afterAll(async () => {
  await started.server.close();
});

const page = (cursor: string | null) => http.query(api.messages.page, { paginationOpts: { numItems: 1, cursor } });

describe("pagination cursors", () => {
  test("a cursor the server issued continues the query; one it did not issue is refused as Convex refuses it, never with a JSON parse message", async () => {
    const first = await page(null);
    const second = await page(first.continueCursor);
    expect(second.page.map((m) => m._id)).not.toContain(first.page[0]!._id);
    for (const cursor of ["not-a-cursor", "", "[1,2]", '{"a":1}', '["{"]']) {
      await expect(page(cursor), cursor).rejects.toThrow(/^Uncaught Error: Failed to parse cursor$/);
    }
  });

  test("a subscribed paginated query with a foreign cursor gets that error in its error callback", async () => {
    const client = newClient(started.server.url);
    try {
      const sub = watch<unknown>((onValue, onError) => client.onUpdate(api.messages.page, { paginationOpts: { numItems: 1, cursor: "garbage" } }, onValue, onError));
      await expect.poll(() => sub.errors.length).toBeGreaterThan(0);
      expect(sub.errors[0]!.message).toBe("[CONVEX Q(messages:page)] Uncaught Error: Failed to parse cursor\n  Called by client");
      sub.unsubscribe();
    } finally {
      await client.close();
    }
  });
});
