import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api } from "./fixtures/basic/convex/_generated/api.js";
import { readZip } from "./deployment/zip.ts";
import { CLI_TIMEOUT_MS, convexCli } from "./testing/convex-cli.ts";
import { eventually, repoRoot, scratchCopy, startBasic, type Started } from "./testing/harness.ts";

// The Convex CLI's self-hosted mode (CONVEX_SELF_HOSTED_URL + CONVEX_SELF_HOSTED_ADMIN_KEY), command by command.
let started: Started;
let project: ReturnType<typeof scratchCopy>;
const cli = (...args: string[]) => convexCli(started.server, project.root, args);

beforeAll(async () => {
  project = scratchCopy();
  started = await startBasic({ dataDir: project.dataDir });
});
afterAll(async () => {
  await started?.server.close();
  project?.remove();
});

describe("npx convex env", () => {
  test("set, get, list and remove a variable; functions see the change", async () => {
    expect(await cli("env", "set", "GREETING", "hello there")).toMatchObject({ code: 0 });
    expect((await cli("env", "get", "GREETING")).stdout.trim()).toBe("hello there");
    const list = await cli("env", "list");
    expect(list.stdout).toMatch(/^GREETING='?hello there'?$/m);
    expect(list.stdout).toContain("TEST_ISSUER=");
    const http = new ConvexHttpClient(started.server.url);
    expect(await http.query(api.users.envValue, { name: "GREETING" })).toBe("hello there");
    expect(await cli("env", "remove", "GREETING")).toMatchObject({ code: 0 });
    expect((await cli("env", "get", "GREETING")).stderr).toContain('Environment variable "GREETING" not found');
    expect(await http.query(api.users.envValue, { name: "GREETING" })).toBeNull();
  });

  test("an invalid name is refused at once with Convex's rule", async () => {
    const before = Date.now();
    const result = await cli("env", "set", "9LIVES", "x");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/names must start with a letter/);
    expect(Date.now() - before).toBeLessThan(15_000);
  });

  test("a change re-evaluates auth.config.ts: a token for the old audience is refused, and accepted again once restored", async () => {
    const token = await started.issuer.sign({ sub: "env-user" });
    const http = new ConvexHttpClient(started.server.url);
    http.setAuth(token);
    expect((await http.query(api.users.whoami, {}))?.subject).toBe("env-user");
    expect(await cli("env", "set", "TEST_AUDIENCE", "another-app")).toMatchObject({ code: 0 });
    await expect(http.query(api.users.whoami, {})).rejects.toThrow(/No auth provider found matching the given token/);
    expect(await cli("env", "set", "TEST_AUDIENCE", started.issuer.audience)).toMatchObject({ code: 0 });
    expect((await http.query(api.users.whoami, {}))?.subject).toBe("env-user");
  });
});

describe("npx convex env keeps its changes in the data folder", () => {
  test("after a restart with the same --env flags, set and removed variables stay as the CLI left them", async () => {
    const copy = scratchCopy();
    const flags = { FROM_FLAG: "initial", REMOVED_LATER: "initial" };
    let server = await startBasic({ dataDir: copy.dataDir, env: flags });
    try {
      const run = (...args: string[]) => convexCli(server.server, copy.root, args);
      expect(await run("env", "set", "FROM_FLAG", "changed")).toMatchObject({ code: 0 });
      expect(await run("env", "remove", "REMOVED_LATER")).toMatchObject({ code: 0 });
      expect(await run("env", "set", "ADDED", "by the cli")).toMatchObject({ code: 0 });
      await server.server.close();
      server = await startBasic({ dataDir: copy.dataDir, env: flags });
      const list = (await convexCli(server.server, copy.root, ["env", "list"])).stdout;
      expect(list).toContain("FROM_FLAG=changed");
      expect(list).toMatch(/^ADDED='?by the cli'?$/m);
      expect(list).not.toContain("REMOVED_LATER");
    } finally {
      await server.server.close();
      copy.remove();
    }
  });
});

describe("npx convex data, function-spec, run --inline-query", () => {
  test("data lists the tables and a table's documents", async () => {
    const http = new ConvexHttpClient(started.server.url);
    await http.mutation(api.messages.send, { author: "data-test", body: "listed by the cli" });
    const tables = await cli("data");
    expect(tables.code).toBe(0);
    expect(tables.stdout.split("\n")).toContain("messages");
    const docs = await cli("data", "messages", "--format", "jsonl", "--limit", "5");
    expect(docs.code).toBe(0);
    expect(docs.stdout).toMatch(/"body": ?"listed by the cli"/);
  });

  test("function-spec lists the functions with their validators and the deployment URL", async () => {
    const result = await cli("function-spec");
    expect(result.code).toBe(0);
    const spec = JSON.parse(result.stdout) as { url: string; functions: { identifier?: string; args?: unknown }[] };
    expect(spec.url).toBe(started.server.url);
    const byAuthor = spec.functions.find((f) => f.identifier === "messages.js:byAuthor");
    expect(byAuthor?.args).toMatchObject({ type: "object", value: { author: { fieldType: { type: "string" } } } });
  });

  test("run --inline-query reads the data, read-only", async () => {
    const http = new ConvexHttpClient(started.server.url);
    await http.mutation(api.messages.send, { author: "inline", body: "found inline" });
    const found = await cli("run", "--inline-query", 'await ctx.db.query("messages").filter((q) => q.eq(q.field("author"), "inline")).collect()');
    expect(found.code).toBe(0);
    expect(found.stdout).toContain("found inline");
    const write = await cli("run", "--inline-query", 'await ctx.db.insert("messages", { author: "x", body: "y" })');
    expect(write.code).not.toBe(0);
    expect(write.stderr).toMatch(/Query failed[\s\S]*insert/);
  });
});

describe("npx convex logs", () => {
  test("streams a function's console output as it runs", async () => {
    const child = spawn(path.join(repoRoot, "node_modules/.bin/convex"), ["logs"], {
      cwd: project.root,
      env: { ...process.env, CONVEX_SELF_HOSTED_URL: started.server.url, CONVEX_SELF_HOSTED_ADMIN_KEY: started.server.adminKey, CONVEX_DEPLOYMENT: "", CI: "1" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      await eventually(() => output, (text) => text.includes("Watching logs"));
      const http = new ConvexHttpClient(started.server.url);
      // The first poll only finds the head; keep writing until the stream shows one.
      await eventually(
        async () => {
          await http.mutation(api.messages.sendLogged, { body: "streamed" });
          await new Promise((r) => setTimeout(r, 250));
          return output;
        },
        (text) => text.includes("[CONVEX M(messages:sendLogged)] [LOG] 'sending' 'streamed'"),
      );
    } finally {
      child.kill("SIGKILL");
    }
  }, CLI_TIMEOUT_MS);
});

describe("npx convex export and import", () => {
  test("export downloads a ZIP of every table; import --replace-all of it brings the documents back", async () => {
    const http = new ConvexHttpClient(started.server.url);
    await http.mutation(api.messages.send, { author: "snapshot", body: "exported" });
    const zip = path.join(project.root, "snapshot.zip");
    const exported = await cli("export", "--path", zip);
    expect(exported.code).toBe(0);
    const entries = readZip(readFileSync(zip)).map((e) => e.name);
    expect(entries).toEqual(expect.arrayContaining(["_tables/documents.jsonl", "messages/documents.jsonl", "ticks/documents.jsonl"]));
    await http.mutation(api.messages.send, { author: "snapshot", body: "after the export" });
    const imported = await cli("import", "--replace-all", "-y", zip);
    expect(imported.code).toBe(0);
    const bodies = (await http.query(api.messages.byAuthor, { author: "snapshot" })).map((m) => m.body);
    expect(bodies).toEqual(["exported"]);
  });

  test("import of JSON lines appends to a table; a document the schema refuses writes nothing", async () => {
    const http = new ConvexHttpClient(started.server.url);
    const good = path.join(project.root, "good.jsonl");
    writeFileSync(good, '{"author":"imported","body":"one"}\n{"author":"imported","body":"two"}\n');
    expect(await cli("import", "--table", "messages", "--append", "-y", good)).toMatchObject({ code: 0 });
    expect(await http.query(api.messages.byAuthor, { author: "imported" })).toHaveLength(2);
    const bad = path.join(project.root, "bad.jsonl");
    writeFileSync(bad, '{"author":"imported","body":"three"}\n{"author":"imported","body":4}\n');
    const refused = await cli("import", "--table", "messages", "--append", "-y", bad);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Validator error/);
    expect(await http.query(api.messages.byAuthor, { author: "imported" })).toHaveLength(2);
  });
});

describe("what the local Convex does not serve answers at once, naming it", () => {
  test("export of file storage is refused at once, naming what is not supported", async () => {
    const result = await cli("export", "--include-file-storage", "--path", path.join(project.root, "with-files.zip"));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Exporting file storage \(`--include-file-storage`\) is not supported by the local Convex/);
  });

  test("a system function the CLI or dashboard calls but the local Convex lacks is named in the error", async () => {
    const res = await fetch(`${started.server.url}/api/query`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Convex ${started.server.adminKey}` },
      body: JSON.stringify({ path: "_system/frontend/components:list", args: {} }),
    });
    expect(await res.json()).toMatchObject({ errorMessage: expect.stringMatching(/does not serve the system function '_system\/frontend\/components:list'/) as unknown });
  });
});
