import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api } from "./fixtures/basic/convex/_generated/api.js";
import { convexCli } from "./testing/convex-cli.ts";
import { scratchCopy, startBasic, type Started } from "./testing/harness.ts";

// `npx convex dev --once` / `npx convex deploy` push a project's bundles to the server, which
// serves them instead of the folder it started with. The server serves the basic fixture
// (not watched); the CLI pushes from a scratch copy that the tests edit.
let started: Started;
let project: ReturnType<typeof scratchCopy>;
// A push bundles the project first, so it gets longer than other commands before it counts as a hang.
const push = (...args: string[]) => convexCli(started.server, project.root, [...args, "--typecheck", "disable"], { timeoutMs: 45_000 });
const pushedOnly = makeFunctionReference<"query", Record<string, never>, string>("messages:pushedOnly");

beforeAll(async () => {
  project = scratchCopy();
  started = await startBasic({ dataDir: project.dataDir });
});
afterAll(async () => {
  await started?.server.close();
  project?.remove();
});

describe("pushing code with the Convex CLI", { timeout: 120_000 }, () => {
  test("dev --once uploads the project's functions and the server runs them, keeping the documents", async () => {
    const http = new ConvexHttpClient(started.server.url);
    const id = await http.mutation(api.messages.send, { author: "before-push", body: "kept across the push" });
    await expect(http.query(pushedOnly, {})).rejects.toThrow(/Could not find public function for 'messages:pushedOnly'/);
    appendFileSync(path.join(project.convexDir, "messages.ts"), '\nexport const pushedOnly = query({ args: {}, handler: async () => "from the push" });\n');
    const result = await push("dev", "--once");
    expect(result.stderr).toContain("Convex functions ready!");
    expect(result.code).toBe(0);
    expect(await http.query(pushedOnly, {})).toBe("from the push");
    expect(await http.query(api.messages.get, { id })).toMatchObject({ body: "kept across the push" });
  });

  test("deploy works the same way, and pushing unchanged code sends no module again", async () => {
    expect(await push("deploy", "-y")).toMatchObject({ code: 0 });
    started.lines.length = 0;
    const result = await push("deploy", "-y");
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Deployed Convex functions to/);
    // evaluate_push (for the index check) and start_push each name what they received.
    const received = started.lines.filter((l) => l.startsWith("push:") && l.includes("changed"));
    expect(received).toHaveLength(2);
    for (const line of received) expect(line).toMatch(/^push: 0 changed module\(s\), [1-9]\d* unchanged$/);
    const http = new ConvexHttpClient(started.server.url);
    expect(await http.query(pushedOnly, {})).toBe("from the push");
  });

  test("a module that throws while loading refuses the push with Convex's error, and the previous code keeps serving", async () => {
    const broken = path.join(project.convexDir, "broken.ts");
    writeFileSync(broken, 'throw new Error("broken at load");\nexport const never = 1;\n');
    try {
      const result = await push("dev", "--once");
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/Loading the pushed modules encountered the following error:[\s\S]*broken\.js[\s\S]*broken at load/);
    } finally {
      rmSync(broken);
    }
    expect(await new ConvexHttpClient(started.server.url).query(pushedOnly, {})).toBe("from the push");
  });

  test("a schema the documents do not fit refuses the push (Schema validation failed) and changes nothing", async () => {
    const schemaFile = path.join(project.convexDir, "schema.ts");
    const original = readFileSync(schemaFile, "utf8");
    writeFileSync(schemaFile, original.replace("messages: defineTable({ author: v.string(), body: v.string() })", "messages: defineTable({ author: v.string(), body: v.string(), mood: v.string() })"));
    try {
      const result = await push("dev", "--once");
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/Schema validation failed[\s\S]*in table "messages" does not match the schema/);
    } finally {
      writeFileSync(schemaFile, original);
    }
    const http = new ConvexHttpClient(started.server.url);
    expect(await http.query(pushedOnly, {})).toBe("from the push");
    expect(await http.query(api.messages.byAuthor, { author: "before-push" })).toHaveLength(1);
  });

  test("after a push, an env change re-evaluates the pushed auth.config.js", async () => {
    const http = new ConvexHttpClient(started.server.url);
    http.setAuth(await started.issuer.sign({ sub: "pushed-auth" }));
    expect((await http.query(api.users.whoami, {}))?.subject).toBe("pushed-auth");
    expect(await convexCli(started.server, project.root, ["env", "set", "TEST_AUDIENCE", "another-app"])).toMatchObject({ code: 0 });
    await expect(http.query(api.users.whoami, {})).rejects.toThrow(/No auth provider found matching the given token/);
    expect(await convexCli(started.server, project.root, ["env", "set", "TEST_AUDIENCE", started.issuer.audience])).toMatchObject({ code: 0 });
    expect((await http.query(api.users.whoami, {}))?.subject).toBe("pushed-auth");
  });

  test("a schema the documents fit is applied: a new table can be written at once", async () => {
    const schemaFile = path.join(project.convexDir, "schema.ts");
    const original = readFileSync(schemaFile, "utf8");
    writeFileSync(schemaFile, original.replace("notes: defineTable(", 'pins: defineTable({ label: v.string() }),\n  notes: defineTable('));
    appendFileSync(path.join(project.convexDir, "messages.ts"), '\nexport const pin = mutation({ args: { label: v.string() }, handler: async (ctx, args) => await ctx.db.insert("pins" as never, args as never) });\n');
    const result = await push("dev", "--once");
    expect(result.code).toBe(0);
    const pin = makeFunctionReference<"mutation", { label: string }, string>("messages:pin");
    expect(await new ConvexHttpClient(started.server.url).mutation(pin, { label: "pinned" })).toMatch(/pins$/);
    expect((await convexCli(started.server, project.root, ["data", "pins"])).stdout).toContain("pinned");
  });
});
