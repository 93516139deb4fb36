import { execFile } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { repoRoot, scratchCopy, startBasic, type Started } from "./testing/harness.ts";

/**
 * Function paths come from callers (any web page can reach the API), so they may only ever name a
 * function of the loaded convex/ folder. A canary module outside the folder writes a marker file
 * when it is loaded; no path, through no entry point, may load it.
 */
let started: Started;
let copy: ReturnType<typeof scratchCopy>;
let marker: string;

beforeAll(async () => {
  copy = scratchCopy();
  marker = path.join(copy.root, "canary-ran");
  const canary = `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "loaded");\nexport const x = { isQuery: true, isMutation: true, isAction: true, isPublic: true };\n`;
  writeFileSync(path.join(copy.root, "canary.ts"), canary);
  writeFileSync(path.join(copy.convexDir, "canary.test.ts"), canary);
  started = await startBasic({ convexDir: copy.convexDir });
});
afterAll(async () => {
  await started.server.close();
  copy.remove();
});

function hostilePaths(): string[] {
  return [
    "../canary:x",
    "../canary.js:x",
    "./../canary:x",
    `${copy.root}/canary:x`,
    path.relative("/", copy.root) + "/canary:x",
    "%2e%2e/canary:x",
    "..\\canary:x",
    "..%5ccanary:x",
    "../canary\u0000:x",
    "canary.test:x",
    "_generated/server:query",
    "schema:default",
    "auth.config:default",
    "../../../../../../../../../../../..".concat(copy.root, "/canary:x"),
    "messages/../../canary:x",
  ];
}

async function expectCanaryNeverRan(): Promise<void> {
  expect(existsSync(marker)).toBe(false);
  const version = await fetch(started.server.url + "/version");
  expect(version.status).toBe(200);
}

async function post(route: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(started.server.url + route, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

describe("a caller's function path never loads a file outside the functions of convex/", () => {
  test("the HTTP API refuses with Convex's not-found message, with or without the admin key", async () => {
    const admin = { Authorization: `Convex ${started.server.adminKey}` };
    for (const udfPath of hostilePaths()) {
      for (const route of ["/api/query", "/api/mutation", "/api/action", "/api/function"]) {
        const anonymous = await post(route, { path: udfPath, args: {} });
        expect(anonymous.status, `${route} ${udfPath}`).toBe(560);
        expect(anonymous.text).toContain("Could not find public function for");
        const asAdmin = await post(route, { path: udfPath, args: {} }, admin);
        expect(asAdmin.text, `${route} ${udfPath} as admin`).toContain("Could not find function for");
      }
      const get = await fetch(`${started.server.url}/api/query?path=${encodeURIComponent(udfPath)}&args=%7B%7D`);
      expect(await get.text()).toContain("Could not find public function for");
    }
    await expectCanaryNeverRan();
  });

  test("/api/run/<module>/<fn> with dot segments, encoded or raw, names nothing", async () => {
    for (const target of ["/api/run/../canary/x", "/api/run/%2e%2e/canary/x", "/api/run/..%2fcanary/x", "/api/run/%2E%2E%2Fcanary/x", "/api/run/..%5ccanary/x"]) {
      const res = await post(target, { args: {} }, { Authorization: `Convex ${started.server.adminKey}` });
      expect(res.status, target).not.toBe(200);
    }
    await expectCanaryNeverRan();
  });

  test("the sync socket refuses them in queries, mutations and actions, before and after Authenticate", async () => {
    const ws = new WebSocket(started.server.url.replace("http", "ws") + "/api/1.48.0/sync");
    const messages: Record<string, unknown>[] = [];
    ws.on("message", (data: Buffer) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
    await new Promise((resolve) => ws.once("open", resolve));
    const send = (msg: unknown) => ws.send(JSON.stringify(msg));
    send({ type: "Connect", sessionId: "paths-test", connectionCount: 0, lastCloseReason: null });
    const paths = hostilePaths();
    send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: paths.map((udfPath, i) => ({ type: "Add", queryId: i, udfPath, args: [{}] })) });
    paths.forEach((udfPath, i) => {
      send({ type: "Mutation", requestId: i, udfPath, args: [{}] });
      send({ type: "Action", requestId: 1000 + i, udfPath, args: [{}] });
    });
    const answered = () => messages.filter((m) => m.type === "MutationResponse" || m.type === "ActionResponse").length === paths.length * 2;
    while (!answered()) await new Promise((r) => setTimeout(r, 20));
    const transition = messages.find((m) => m.type === "Transition") as { modifications: { type: string; errorMessage: string }[] };
    expect(transition.modifications).toHaveLength(paths.length);
    for (const mod of transition.modifications) {
      expect(mod.type).toBe("QueryFailed");
      expect(mod.errorMessage).toContain("Could not find public function for");
    }
    for (const m of messages.filter((m) => m.type === "MutationResponse" || m.type === "ActionResponse")) {
      expect(m.success).toBe(false);
      expect(m.result).toContain("Could not find public function for");
    }
    ws.close();
    await expectCanaryNeverRan();
  });

  test("a scheduled function with a hostile path fails as not found, and nothing is loaded", async () => {
    const admin = { Authorization: `Convex ${started.server.adminKey}` };
    for (const udfPath of ["../canary:x", `${copy.root}/canary:x`]) {
      const res = await post("/api/function", { path: "messages:scheduleByPath", args: { path: udfPath } }, admin);
      expect(res.status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 300));
    await expectCanaryNeverRan();
  });

  test("`npx convex run` with a path outside convex/ is refused and the server stays up", async () => {
    const run = promisify(execFile)(path.join(repoRoot, "node_modules/.bin/convex"), ["run", "../canary:x", "{}"], {
      cwd: copy.root,
      env: { ...process.env, CONVEX_SELF_HOSTED_URL: started.server.url, CONVEX_SELF_HOSTED_ADMIN_KEY: started.server.adminKey, CONVEX_DEPLOYMENT: "", CI: "1" },
      timeout: 30_000,
    });
    await expect(run).rejects.toThrow(/Could not find function for|No function/);
    await expectCanaryNeverRan();
  });
});
