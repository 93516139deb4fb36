import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DevProblem } from "./env-plan.ts";
import { freePort, isPortInUse } from "./ports.ts";
import { startDev, type DevSession } from "./start-dev.ts";

const root = path.resolve(import.meta.dirname, "../..");
let session: DevSession | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await session?.stop();
  session = undefined;
  cleanups.splice(0).forEach((cleanup) => cleanup());
});

async function freePorts() {
  return { appPort: await freePort(), authkitPort: await freePort(), convexPort: await freePort(), sitePort: await freePort() };
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "start-dev-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function occupy(port: number): Promise<void> {
  const server = net.createServer();
  cleanups.push(() => server.close());
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
}

describe("npm run dev on the local stack", () => {
  it("serves the app wired to both emulators, and stop() leaves nothing listening", async () => {
    const ports = await freePorts();
    session = await startDev({ root, ...ports, dataDir: tempDir(), viteOutput: "ignore", log: false, convexTypecheck: "disable" });
    expect(session.mode).toBe("local");

    const page = await fetch(`http://localhost:${ports.appPort}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // The app's code, as the dev server serves it, carries the stack's values.
    const main = await (await fetch(`http://localhost:${ports.appPort}/src/main.tsx`)).text();
    expect(main).toContain(`"VITE_CONVEX_URL": "http://127.0.0.1:${ports.convexPort}"`);
    expect(main).toContain(`"VITE_WORKOS_REDIRECT_URI": "http://localhost:${ports.appPort}/callback"`);
    expect(main).toContain(`"VITE_WORKOS_API_PORT": "${ports.authkitPort}"`);

    await session.stop();
    session = undefined;
    const listening = await Promise.all(Object.values(ports).map(isPortInUse));
    expect(listening).toEqual([false, false, false, false]);
  });

  it("stops Vite and convex dev even when it dies without cleaning up (SIGKILL, as the tsx CLI sends when a relayed Ctrl-C is slow to land)", async () => {
    const ports = await freePorts();
    const script = path.join(tempDir(), "dev.mts");
    writeFileSync(
      script,
      `import { startDev } from ${JSON.stringify(path.join(root, "emulators", "dev", "start-dev.ts"))};\n` +
        `await startDev(${JSON.stringify({ root, ...ports, dataDir: tempDir(), viteOutput: "ignore", log: false, convexTypecheck: "disable" })});\n` +
        `console.log("ready");\n`,
    );
    const dev = spawn(process.execPath, ["--import", "tsx", script], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      dev.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      dev.once("exit", (code) => reject(new Error(`The dev process exited with ${code} before it was ready`)));
    });
    expect(await isPortInUse(ports.appPort)).toBe(true);
    // Its children: Vite and the Convex CLI.
    const children = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(dev.pid)], { encoding: "utf8" }).trim().split("\n");
    expect(children).toEqual(expect.arrayContaining([expect.stringMatching(/\.bin\/vite /), expect.stringMatching(/\.bin\/convex dev/)]));
    const running = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };

    dev.kill("SIGKILL");
    await expect.poll(() => isPortInUse(ports.appPort), { timeout: 5000 }).toBe(false);
    await expect.poll(() => children.map((line) => running(Number.parseInt(line, 10))), { timeout: 5000 }).toEqual(children.map(() => false));
  });

  it("refuses a port already in use with a one-line fix, and starts nothing", async () => {
    const ports = await freePorts();
    await occupy(ports.convexPort);
    const start = startDev({ root, ...ports, dataDir: tempDir(), viteOutput: "ignore", log: false });
    await expect(start).rejects.toThrow(DevProblem);
    await expect(start).rejects.toThrow(`Port ${ports.convexPort} (the local Convex) is already in use`);
    expect(await Promise.all([ports.appPort, ports.authkitPort].map(isPortInUse))).toEqual([false, false]);
  });
});

describe("npm run dev's command line", () => {
  it("refuses an unknown option in one line, naming the one it has", () => {
    const run = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "emulators", "dev.ts"), "--quiet"], { cwd: root, encoding: "utf8", timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual(["npm run dev: unknown option --quiet: the one option is --verbose (npm run dev -- --verbose)."]);
  });

  it("exits non-zero with one line, without a stack trace, when its fixed port is taken", async () => {
    if (!(await isPortInUse(5173))) await occupy(5173);
    const run = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "emulators", "dev.ts")], {
      cwd: root,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^npm run dev: Port 5173 \(Vite\) is already in use/)]);
  });
});
