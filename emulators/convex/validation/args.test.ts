import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api } from "../fixtures/basic/convex/_generated/api.js";
import { newClient, startBasic, watch, type Started } from "../testing/harness.ts";

/**
 * Argument validation errors read as the Convex backend writes them (crates/common/src/schemas/validator.rs),
 * driven through the real clients. The backend's first line, `[Request ID: …] Server Error`, is not
 * reproduced (see the README's "Error texts" limit), so messages start at `ArgumentValidationError`.
 */
let started: Started;
let http: ConvexHttpClient;
beforeAll(async () => {
  started = await startBasic();
  http = new ConvexHttpClient(started.server.url);
});
afterAll(async () => {
  await started.server.close();
});

async function refusal(args: Parameters<typeof http.query<typeof api.validators.everyKind>>[1]): Promise<string> {
  const error = await http.query(api.validators.everyKind, args).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the call should have been refused").toBeInstanceOf(Error);
  return (error as Error).message;
}

const noMatch = (path: string, value: string, validator: string) =>
  `ArgumentValidationError: Value does not match validator.\nPath: ${path}\nValue: ${value}\nValidator: ${validator}`;

const POINT = "v.object({label: v.optional(v.string()), x: v.float64()})";

describe("argument validation errors in the backend's words", () => {
  test("each validator accepts its own kind; a scalar of another type is refused, naming the path, the value and the validator", async () => {
    // Not `big` (v.literal(7n)): convex-test's own check, which runs after this one, refuses every int64 literal.
    const messageId = await http.mutation(api.messages.send, { author: "fits", body: "x" });
    const args = {
      str: "s", num: 1.5, float: -0, int: 2n, bool: true, nil: null, bytes: new Uint8Array([1, 2, 3]).buffer, messageId,
      word: "yes" as const, count: 3 as const, list: [1, 2], point: { x: 1 }, scores: { a: 1 }, byMessage: { [messageId]: true },
      either: null, anything: { deep: [1n, new Uint8Array([9]).buffer] },
    };
    expect(await http.query(api.validators.everyKind, args)).toEqual(Object.keys(args).sort());
    expect(await refusal({ str: 1 as never })).toBe(noMatch(".str", "1.0", "v.string()"));
    expect(await refusal({ num: "1" as never })).toBe(noMatch(".num", '"1"', "v.float64()"));
    expect(await refusal({ float: 5n as never })).toBe(noMatch(".float", "5", "v.float64()"));
    expect(await refusal({ int: 5 as never })).toBe(noMatch(".int", "5.0", "v.int64()"));
    expect(await refusal({ bool: "true" as never })).toBe(noMatch(".bool", '"true"', "v.boolean()"));
    expect(await refusal({ nil: false as never })).toBe(noMatch(".nil", "false", "v.null()"));
    expect(await refusal({ bytes: "AQID" as never })).toBe(noMatch(".bytes", '"AQID"', "v.bytes()"));
    expect(await refusal({ either: 5 as never })).toBe(noMatch(".either", "5.0", "v.union(v.string(), v.null())"));
  });

  test("literals: the value and the literal, with the path straight after the sentence as the backend writes it", async () => {
    expect(await refusal({ word: "no" as never })).toBe('ArgumentValidationError: `"no"` does not match literal validator `v.literal("yes")`.Path: .word');
    expect(await refusal({ count: 3n as never })).toBe("ArgumentValidationError: `3` does not match literal validator `v.literal(3.0)`.Path: .count");
    expect(await refusal({ big: 7 as never })).toBe("ArgumentValidationError: `7.0` does not match literal validator `v.literal(<bigint>)`.Path: .big");
  });

  test("arrays, objects and records name the element, field, key or value that does not fit", async () => {
    expect(await refusal({ list: [1, "two" as never] })).toBe(noMatch(".list[1]", '"two"', "v.float64()"));
    expect(await refusal({ point: "here" as never })).toBe(noMatch(".point", '"here"', POINT));
    expect(await refusal({ point: { label: "a" } as never })).toBe(
      `ArgumentValidationError: Object is missing the required field \`x\`. Consider wrapping the field validator in \`v.optional(...)\` if this is expected.\nPath: .point\nObject: {label: "a"}\nValidator: ${POINT}`,
    );
    expect(await refusal({ point: { x: 1, z: true } as never })).toBe(
      `ArgumentValidationError: Object contains extra field \`z\` that is not in the validator.\nPath: .point\nObject: {x: 1.0, z: true}\nValidator: ${POINT}`,
    );
    expect(await refusal({ scores: { a: 1, b: "x" as never } })).toBe(noMatch(".scores.values()", '"x"', "v.float64()"));
    expect(await refusal({ byMessage: { abc: true } as never })).toBe(noMatch(".byMessage.keys()", '"abc"', 'v.id("messages")'));
  });

  test("ids: a string that is no id, an id of another table, an id of a system table", async () => {
    const messageId = await http.mutation(api.messages.send, { author: "ids", body: "x" });
    const scheduledId = await http.mutation(api.validators.scheduledId, {});
    expect(await refusal({ messageId: "not an id" as never })).toBe(noMatch(".messageId", '"not an id"', 'v.id("messages")'));
    expect(await refusal({ noteId: messageId as never })).toBe(
      `ArgumentValidationError: Found ID "${messageId}" from table \`messages\`, which does not match the table name in validator \`v.id("notes")\`.Path: .noteId`,
    );
    expect(await refusal({ messageId: scheduledId as never })).toBe(
      `ArgumentValidationError: Found ID "${scheduledId}" from a system table, which does not match the table name in validator \`v.id("messages")\`.Path: .messageId`,
    );
  });

  test("values are written as the backend writes them: floats, int64, strings with escapes, bytes, nested objects in key order", async () => {
    const shown = async (value: unknown) => (await refusal({ str: value as never })).split("\n")[2];
    expect(await shown(1e20)).toBe("Value: 1e20");
    expect(await shown(0.00001)).toBe("Value: 1e-5");
    expect(await shown(123.25)).toBe("Value: 123.25");
    expect(await shown(-0)).toBe("Value: -0.0");
    expect(await shown(-12n)).toBe("Value: -12");
    expect(await shown(["tab\there", 'say "hi"'])).toBe('Value: ["tab\\there", "say \\"hi\\""]');
    expect(await shown(new Uint8Array([1, 2, 3]).buffer)).toBe('Value: b"AQID"');
    expect(await shown({ zeta: [true, null], alpha: { b: 1 } })).toBe("Value: {alpha: {b: 1.0}, zeta: [true, null]}");
  });

  test("the first field in byte order that does not fit is the one reported", async () => {
    expect(await refusal({ str: 1 as never, big: 1 as never })).toBe("ArgumentValidationError: `1.0` does not match literal validator `v.literal(<bigint>)`.Path: .big");
  });
});

describe("what the real ConvexClient shows", () => {
  test("a mutation with a field of the wrong type: the client's prefix, then the backend's text", async () => {
    const client = newClient(started.server.url);
    try {
      const error = await client.mutation(api.messages.send, { author: "a", body: 1 as never }).catch((e: unknown) => e);
      expect((error as Error).message).toBe(
        "[CONVEX M(messages:send)] ArgumentValidationError: Value does not match validator.\nPath: .body\nValue: 1.0\nValidator: v.string()\n  Called by client",
      );
    } finally {
      await client.close();
    }
  });

  test("missing and extra top-level fields: the object and its validator, with an empty path line", async () => {
    const client = newClient(started.server.url);
    try {
      const missing = await client.mutation(api.messages.send, { author: "a" } as never).catch((e: unknown) => e);
      expect((missing as Error).message).toBe(
        '[CONVEX M(messages:send)] ArgumentValidationError: Object is missing the required field `body`. Consider wrapping the field validator in `v.optional(...)` if this is expected.\n\nObject: {author: "a"}\nValidator: v.object({author: v.string(), body: v.string()})\n  Called by client',
      );
      const extra = await client.mutation(api.messages.send, { author: "a", body: "b", x: 1 } as never).catch((e: unknown) => e);
      expect((extra as Error).message).toBe(
        '[CONVEX M(messages:send)] ArgumentValidationError: Object contains extra field `x` that is not in the validator.\n\nObject: {author: "a", body: "b", x: 1.0}\nValidator: v.object({author: v.string(), body: v.string()})\n  Called by client',
      );
    } finally {
      await client.close();
    }
  });

  test("a subscribed query with bad args gets the error in its error callback", async () => {
    const client = newClient(started.server.url);
    try {
      const sub = watch<unknown>((onValue, onError) => client.onUpdate(api.messages.byAuthor, { author: 7 as never }, onValue, onError));
      await expect.poll(() => sub.errors.length).toBeGreaterThan(0);
      expect(sub.errors[0]!.message).toContain("ArgumentValidationError: Value does not match validator.\nPath: .author\nValue: 7.0\nValidator: v.string()");
      sub.unsubscribe();
    } finally {
      await client.close();
    }
  });
});
