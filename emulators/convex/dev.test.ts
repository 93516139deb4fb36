import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeFunctionReference } from "convex/server";
import { afterEach, describe, expect, test } from "vitest";
import { api } from "./fixtures/basic/convex/_generated/api.js";
import { eventually, newClient, scratchCopy, startBasic, watch } from "./testing/harness.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(project: ReturnType<typeof scratchCopy>, extra: { watch?: boolean; reset?: boolean } = {}) {
  const s = await startBasic({ convexDir: project.convexDir, dataDir: project.dataDir, ...extra });
  const client = newClient(s.server.url);
  cleanups.push(async () => {
    await client.close();
    await s.server.close();
  });
  return { ...s, client };
}

function project() {
  const p = scratchCopy();
  cleanups.push(() => p.remove());
  return p;
}

describe("a developer's backend", () => {
  test("data survives a restart with document ids unchanged, and new ids do not collide", async () => {
    const p = project();
    const first = await start(p);
    const a = await first.client.mutation(api.messages.send, { author: "persist", body: "a" });
    const b = await first.client.mutation(api.messages.send, { author: "persist", body: "b" });
    await first.client.close();
    await first.server.close();

    const second = await start(p);
    const rows = await second.client.query(api.messages.byAuthor, { author: "persist" });
    expect(rows.map((r) => [r._id, r.body])).toEqual([[a, "a"], [b, "b"]]);
    expect(await second.client.query(api.messages.get, { id: a })).toMatchObject({ body: "a" });
    const c = await second.client.mutation(api.messages.send, { author: "persist", body: "c" });
    expect([a, b]).not.toContain(c);
  });

  test("a mutation whose answer was lost in a restart is answered, not run again, when the client re-sends it", async () => {
    const p = project();
    const first = await startBasic({ convexDir: p.convexDir, dataDir: p.dataDir });
    const port = Number(new URL(first.server.url).port);
    const client = newClient(first.server.url);
    cleanups.push(() => client.close());
    let dropped = false;
    first.server.hooks.beforeMutationResponse = () => {
      dropped = true;
      return "drop";
    };
    const pending = client.mutation(api.messages.send, { author: "restart", body: "once" });
    await eventually(() => dropped, (d) => d);
    await first.server.close();

    const second = await startBasic({ convexDir: p.convexDir, dataDir: p.dataDir, port });
    cleanups.push(() => second.server.close());
    const id = await pending;
    const rows = await client.query(api.messages.byAuthor, { author: "restart" });
    expect(rows.map((r) => r._id)).toEqual([id]);
  });

  test("a function scheduled before a restart still runs after it", async () => {
    const p = project();
    const first = await start(p);
    await first.client.mutation(api.messages.sendAfter, { body: "survives restart", delayMs: 1500 });
    await first.client.close();
    await first.server.close();

    const second = await start(p);
    await eventually(
      () => second.client.query(api.messages.byAuthor, { author: "scheduler" }),
      (rows) => rows.some((r) => r.body === "survives restart"),
    );
  });

  test("--reset starts from an empty database", async () => {
    const p = project();
    const first = await start(p);
    await first.client.mutation(api.messages.send, { author: "reset", body: "gone" });
    await first.client.close();
    await first.server.close();
    const second = await start(p, { reset: true });
    expect(await second.client.query(api.messages.byAuthor, { author: "reset" })).toEqual([]);
  });

  test("an edited function takes effect on the next call, without losing data", async () => {
    const p = project();
    const s = await start(p, { watch: true });
    await s.client.mutation(api.messages.send, { author: "hot", body: "kept" });
    const subscribed = watch<string | null>((onValue, onError) => s.client.onUpdate(api.users.envValue, { name: "X" }, onValue, onError));
    await subscribed.next((v) => v === null);
    const file = path.join(p.convexDir, "users.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace("env[name] ?? null", "`edited:${name}`"));
    // Subscribers get the new code's result without asking again, as after a push.
    await subscribed.next((v) => v === "edited:X");
    expect(await s.client.query(api.messages.byAuthor, { author: "hot" })).toHaveLength(1);
    subscribed.unsubscribe();
  });

  test("a new module is served once it is saved", async () => {
    const p = project();
    const s = await start(p, { watch: true });
    writeFileSync(
      path.join(p.convexDir, "extra.ts"),
      'import { query } from "./_generated/server";\nexport const hello = query({ args: {}, handler: async () => "new module" });\n',
    );
    const hello = makeFunctionReference<"query">("extra:hello");
    await eventually(() => s.client.query(hello, {}).catch((e: Error) => e.message), (v) => v === "new module");
  });

  test("a schema edit restarts the database, keeping documents that fit and setting the others aside", async () => {
    const p = project();
    const s = await start(p, { watch: true });
    const keep = await s.client.mutation(api.messages.send, { author: "keep", body: "fits" });
    const drop = await s.client.mutation(api.messages.send, { author: "drop", body: "does not fit" });
    const schema = path.join(p.convexDir, "schema.ts");
    writeFileSync(schema, readFileSync(schema, "utf8").replace("messages: defineTable({ author: v.string()", 'messages: defineTable({ author: v.literal("keep")'));
    await eventually(() => s.lines, (lines) => lines.some((l) => l.includes("database restarted")));
    expect(s.lines.some((l) => l.includes(drop) && l.includes("no longer fits"))).toBe(true);
    const rows = await s.client.query(api.messages.list, {});
    expect(rows.map((r) => r._id)).toEqual([keep]);
    const rejectedDir = path.join(p.dataDir, "rejected");
    expect(existsSync(rejectedDir)).toBe(true);
    const saved = JSON.parse(readFileSync(path.join(rejectedDir, readdirSync(rejectedDir)[0]!), "utf8")) as Record<string, unknown>;
    expect(Object.keys(saved)).toEqual([drop]);
    // The new schema is enforced on writes.
    await expect(s.client.mutation(api.messages.send, { author: "other", body: "x" })).rejects.toThrow(/Validator/);
  });

  test("a schema restart that cannot set documents aside keeps the previous database, and later restarts still run", async () => {
    const p = project();
    const s = await start(p, { watch: true });
    const keep = await s.client.mutation(api.messages.send, { author: "keep", body: "fits" });
    const drop = await s.client.mutation(api.messages.send, { author: "drop", body: "does not fit" });
    // A file where the rejected/ folder goes: the documents that do not fit cannot be saved.
    mkdirSync(p.dataDir, { recursive: true });
    const blocker = path.join(p.dataDir, "rejected");
    writeFileSync(blocker, "not a folder");
    const schema = path.join(p.convexDir, "schema.ts");
    writeFileSync(schema, readFileSync(schema, "utf8").replace("messages: defineTable({ author: v.string()", 'messages: defineTable({ author: v.literal("keep")'));
    await eventually(() => s.lines, (lines) => lines.some((l) => l.endsWith("schema.ts changed")));
    // Queued behind the restart the edit started, so it settles after that one.
    await s.server.reloadSchema();
    expect(s.lines.some((l) => l.includes("could not restart the database") && l.includes("no document is lost"))).toBe(true);
    expect((await s.client.query(api.messages.list, {})).map((r) => r._id)).toEqual([keep, drop]);
    await s.client.mutation(api.messages.send, { author: "still", body: "served" });

    rmSync(blocker);
    await s.server.reloadSchema();
    expect(s.lines.some((l) => l.includes("database restarted"))).toBe(true);
    expect((await s.client.query(api.messages.list, {})).map((r) => r._id)).toEqual([keep]);
    expect(readdirSync(blocker)).toHaveLength(1);
  });

  test("environment variables come from an env file and flags", async () => {
    const p = project();
    const envFile = path.join(p.root, ".env.convex");
    writeFileSync(envFile, "# comment\nFROM_FILE=file-value\nexport QUOTED='quoted value'\n");
    const s = await startBasic({ convexDir: p.convexDir, dataDir: null, envFile, env: { FROM_FLAG: "flag-value" } });
    const client = newClient(s.server.url);
    cleanups.push(async () => {
      await client.close();
      await s.server.close();
    });
    expect(await client.query(api.users.envValue, { name: "FROM_FILE" })).toBe("file-value");
    expect(await client.query(api.users.envValue, { name: "QUOTED" })).toBe("quoted value");
    expect(await client.query(api.users.envValue, { name: "FROM_FLAG" })).toBe("flag-value");
  });
});
