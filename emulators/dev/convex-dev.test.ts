import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";
import { planDev } from "./env-plan.ts";
import { freePort, isPortInUse } from "./ports.ts";
import { projectCopy } from "./project-copy.ts";
import { startDev, type DevSession } from "./start-dev.ts";

// `npm run dev` on the local stack runs the real `convex dev` against the local Convex. Each test
// runs it in a copy of the project, which it edits as a developer would. The CLI's type-check
// (tens of seconds on a busy machine) is on in one test only; bundling, pushing and the
// backend's checks are in all of them.
const repo = path.resolve(import.meta.dirname, "../..");
// With the type-check, the first push took up to 100 s on a 2-core machine under load.
const FIRST_PUSH_MS = 180_000;
let session: DevSession | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await session?.stop();
  session = undefined;
  cleanups.splice(0).forEach((cleanup) => cleanup());
});

async function startInCopy(setup: (root: string) => void = () => {}, typecheck: "enable" | "disable" = "disable") {
  const project = projectCopy(repo);
  cleanups.push(project.remove);
  setup(project.root);
  const lines: string[] = [];
  const ports = { appPort: await freePort(), authkitPort: await freePort(), convexPort: await freePort(), sitePort: await freePort() };
  session = await startDev({
    root: project.root,
    ...ports,
    viteOutput: "ignore",
    convexTypecheck: typecheck,
    log: (line) => lines.push(line),
  });
  const convexDev = session.convexDev;
  if (!convexDev || !session.stack) throw new Error(`npm run dev did not start the local stack with convex dev (mode ${session.mode})`);
  await convexDev.waitForLine(/Convex functions ready!/, FIRST_PUSH_MS);
  return { root: project.root, convexDir: path.join(project.root, "convex"), convexDev, stack: session.stack, lines, ports };
}

const envFiles = (root: string) =>
  Object.fromEntries(readdirSync(root).filter((name) => name.startsWith(".env") && !name.endsWith(".example")).map((name) => [name, readFileSync(path.join(root, name), "utf8")]));

describe("npm run dev runs `convex dev` against the local Convex", { timeout: 240_000 }, () => {
  it("pushes an edited function, which the local Convex then serves; broken code is refused with Convex's error while the last code keeps serving", async () => {
    const { convexDir, convexDev, stack } = await startInCopy();
    const http = new ConvexHttpClient(stack.convex.url);
    const hello = makeFunctionReference<"query", Record<string, never>, string>("devLoop:hello");
    const module = (answer: string) => `import { query } from "./_generated/server";\nexport const hello = query({ args: {}, handler: async () => ${JSON.stringify(answer)} });\n`;
    // The backend does not watch convex/ any more: a module written now is served only once pushed.
    await expect(http.query(hello, {})).rejects.toThrow(/Could not find public function for 'devLoop:hello'/);

    let pushed = convexDev.pushes;
    writeFileSync(path.join(convexDir, "devLoop.ts"), module("first version"));
    await expect.poll(() => convexDev.pushes, { timeout: 60_000 }).toBeGreaterThan(pushed);
    expect(await http.query(hello, {})).toBe("first version");

    pushed = convexDev.pushes;
    writeFileSync(path.join(convexDir, "devLoop.ts"), module("edited"));
    await expect.poll(() => convexDev.pushes, { timeout: 60_000 }).toBeGreaterThan(pushed);
    expect(await http.query(hello, {})).toBe("edited");

    const refused = convexDev.waitForLine(/broken at load/, 60_000);
    writeFileSync(path.join(convexDir, "broken.ts"), 'throw new Error("broken at load");\nexport const never = 1;\n');
    await refused;
    expect(await http.query(hello, {})).toBe("edited");
    rmSync(path.join(convexDir, "broken.ts"));
  });

  it("type-checks convex/ from its own folder as from the project, and refuses a push that does not type-check", { timeout: 360_000 }, async () => {
    // The first push type-checked the whole of convex/, tests included, through convex.json's path.
    const { convexDir, convexDev, stack } = await startInCopy(undefined, "enable");
    const http = new ConvexHttpClient(stack.convex.url);
    const typed = makeFunctionReference<"query", Record<string, never>, number>("devLoop:typed");
    const refused = convexDev.waitForLine(/devLoop\.ts.*TS2322|TS2322.*devLoop/, 120_000);
    writeFileSync(path.join(convexDir, "devLoop.ts"), 'import { query } from "./_generated/server";\nexport const typed = query({ args: {}, handler: async () => { const n: number = "not a number"; return n; } });\n');
    await refused;
    await expect(http.query(typed, {})).rejects.toThrow(/Could not find public function for 'devLoop:typed'/);
  });

  it("leaves an existing .env.local as it was: the CLI writes its own elsewhere, and the next start is still on the local stack", async () => {
    const mine = "# my settings\nVITE_WORKOS_DEV_MODE=true\n";
    const { root, lines, ports } = await startInCopy((root) => writeFileSync(path.join(root, ".env.local"), mine));
    expect(envFiles(root)).toEqual({ ".env.local": mine });
    expect(lines.filter((line) => /\.env\.local/.test(line))).toEqual([]);
    expect(planDev(root, `http://localhost:${ports.appPort}`).kind).toBe("local");
  });

  it("creates no .env.local in a fresh clone, and stop() ends the CLI with everything else", async () => {
    const { root, convexDev, ports } = await startInCopy();
    expect(existsSync(path.join(root, ".env.local"))).toBe(false);
    expect(envFiles(root)).toEqual({});
    await session?.stop();
    session = undefined;
    await expect(convexDev.exited).resolves.toEqual(expect.any(Number));
    expect(await Promise.all(Object.values(ports).map(isPortInUse))).toEqual([false, false, false, false]);
  });
});
