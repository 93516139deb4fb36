import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { benchOutput } from "../../e2e/bench/output.ts";
import { freePort, waitForPort } from "./ports.ts";
import { projectCopy } from "./project-copy.ts";
import { STOP_WITH_PARENT } from "./stop-with-parent.ts";

// `npm run bench` builds the app while `npm run dev` may be running: what it writes must not
// reach the dev server's watcher, or every open tab is told to reload. The dev server here is a
// real Vite on a copy of the project, listened to as a browser tab's HMR client does.
const repo = path.resolve(import.meta.dirname, "../..");
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((cleanup) => cleanup()));

async function devServer(root: string) {
  const port = await freePort();
  const vite: ChildProcess = spawn(process.execPath, ["--import", STOP_WITH_PARENT, path.join(repo, "node_modules", ".bin", "vite"), "--port", String(port), "--strictPort"], {
    cwd: root,
    stdio: "ignore",
  });
  cleanups.push(() => vite.kill("SIGTERM"));
  await waitForPort(port, 60_000);
  const reloads: string[] = [];
  const socket = new WebSocket(`ws://localhost:${port}/`, "vite-hmr");
  cleanups.push(() => socket.close());
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  socket.on("message", (data) => {
    const message = JSON.parse(data.toString()) as { type: string; path?: string };
    if (message.type === "full-reload") reloads.push(message.path ?? "*");
  });
  return { reloads };
}

/** An HTML page written as the bench's build writes its index.html, removed afterwards. */
function writePage(dir: string): void {
  mkdirSync(dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>bench build</title>\n");
}

describe("npm run bench beside npm run dev", { timeout: 120_000 }, () => {
  it("writes its build where the dev server does not look, while the old place (bench-results/) made it reload", async () => {
    const project = projectCopy(repo);
    cleanups.push(project.remove);
    const { reloads } = await devServer(project.root);

    // A name of its own inside the bench's folder, so a real bench run is not disturbed.
    const probe = path.join(benchOutput(project.root).buildDir, `probe-${process.pid}-${Date.now()}`);
    writePage(probe);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(reloads).toEqual([]);

    // The detector works: the same page where the bench used to write is a full-reload.
    writePage(path.join(project.root, "bench-results", "dist"));
    await expect.poll(() => reloads, { timeout: 15_000 }).toEqual(["/bench-results/dist/index.html"]);
  });
});
