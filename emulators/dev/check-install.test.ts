import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// The checks `npm run dev` and `npm test` run first, with plain Node, in a scratch repository: its
// package.json and package-lock.json, and an `npm` that records how it was called and installs
// what the lock file says (the real one would reach the registry).
const root = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "check-install-"));
  dirs.push(dir);
  return dir;
}

function write(file: string, content: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
}

/** A repository whose lock file wants jose 6.2.17 and vite 8.3.8; `npm ci` installs them unless told to fail. */
function scratchRepo(options: { npmFails?: boolean } = {}) {
  const repo = tempDir();
  write(path.join(repo, "package.json"), { engines: { node: ">=20.19" }, dependencies: { jose: "^6.0.0" }, devDependencies: { vite: "^8.0.0" } });
  write(path.join(repo, "package-lock.json"), { packages: { "node_modules/jose": { version: "6.2.17" }, "node_modules/vite": { version: "8.3.8" } } });
  mkdirSync(path.join(repo, "emulators"));
  copyFileSync(path.join(root, "emulators", "check-install.mjs"), path.join(repo, "emulators", "check-install.mjs"));
  const npm = path.join(repo, "fake-npm.mjs");
  write(
    npm,
    `import { mkdirSync, rmSync, writeFileSync } from "node:fs";\n` +
      `writeFileSync("npm-calls.json", JSON.stringify({ args: process.argv.slice(2), skipBrowser: process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ?? null }));\n` +
      (options.npmFails
        ? `console.error("npm error code E404"); process.exit(1);\n`
        : `rmSync("node_modules", { recursive: true, force: true });\n` +
          `for (const [name, version] of [["jose", "6.2.17"], ["vite", "8.3.8"]]) { mkdirSync("node_modules/" + name, { recursive: true }); writeFileSync("node_modules/" + name + "/package.json", JSON.stringify({ version })); }\n` +
          `mkdirSync("node_modules/.bin"); writeFileSync("node_modules/.bin/tsx", ""); writeFileSync("node_modules/.bin/vite", "");\n`),
  );
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(repo, "emulators", "check-install.mjs"), ...args], {
      cwd: repo,
      encoding: "utf8",
      env: { ...process.env, npm_execpath: npm },
    });
  const npmCalls = () => (existsSync(path.join(repo, "npm-calls.json")) ? JSON.parse(readFileSync(path.join(repo, "npm-calls.json"), "utf8")) : null);
  return { repo, run, npmCalls };
}

describe("npm run dev and npm test install the dependencies themselves", () => {
  it("runs npm ci in a fresh clone (no node_modules), in one line, without downloading browsers, and goes on", () => {
    const { run, npmCalls } = scratchRepo();
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([
      "npm run dev: dependencies are not installed (node_modules/.bin/tsx, node_modules/.bin/vite missing): running `npm ci` first.",
    ]);
    expect(result.stderr).toBe("");
    expect(npmCalls()).toEqual({ args: ["ci", "--no-audit", "--no-fund", "--loglevel=error"], skipBrowser: "1" });
  });

  it("runs npm ci when the install is missing a package or predates package-lock.json, naming npm test when run for it", () => {
    const { repo, run, npmCalls } = scratchRepo();
    write(path.join(repo, "node_modules/.bin/tsx"), "");
    write(path.join(repo, "node_modules/.bin/vite"), "");
    write(path.join(repo, "node_modules/vite/package.json"), { version: "8.3.7" });
    const result = run("--for", "test");
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([
      "npm test: dependencies are out of date (jose missing; vite 8.3.7 installed, package-lock.json has 8.3.8): running `npm ci` first.",
    ]);
    expect(npmCalls()?.args[0]).toBe("ci");
  });

  it("leaves an up-to-date install alone", () => {
    const { repo, run, npmCalls } = scratchRepo();
    expect(run().status).toBe(0);
    rmSync(path.join(repo, "npm-calls.json"));
    const again = run();
    expect(again).toMatchObject({ status: 0, stdout: "", stderr: "" });
    expect(npmCalls()).toBeNull();
  });

  it("stops with one line when npm ci fails, after npm's own errors", () => {
    const { run } = scratchRepo({ npmFails: true });
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "npm error code E404",
      "npm run dev: `npm ci` failed (exit code 1; its errors are above): fix that, run `npm ci`, then `npm run dev` again.",
    ]);
  });

  it("says in one line when Node is older than package.json's engines", () => {
    const olderNode = 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.10.0"})';
    const result = spawnSync(process.execPath, ["--import", olderNode, path.join(root, "emulators", "check-install.mjs")], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^npm run dev: Node 20\.10\.0 is too old: this project needs Node >=20\.19/)]);
  });

  it("lets this repository's own install through", () => {
    // An npm that refuses, so a stale install fails this test instead of being reinstalled under it.
    const npm = path.join(tempDir(), "refusing-npm.mjs");
    write(npm, 'console.error("this test does not install"); process.exit(1);\n');
    const result = spawnSync(process.execPath, [path.join(root, "emulators", "check-install.mjs")], { encoding: "utf8", env: { ...process.env, npm_execpath: npm } });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("npm test finds a chromium", () => {
  const ensure = (env: Record<string, string>) =>
    spawnSync(process.execPath, [path.join(root, "emulators", "dev", "ensure-chromium.mjs")], { encoding: "utf8", env: { ...process.env, ...env } });

  it("goes on silently when CHROMIUM_PATH (or /usr/bin/chromium) is there", () => {
    const browser = path.join(tempDir(), "chromium");
    write(browser, "#!/bin/sh\n");
    chmodSync(browser, 0o755);
    expect(ensure({ CHROMIUM_PATH: browser })).toMatchObject({ status: 0, stdout: "", stderr: "" });
  });

  it("without one and without apt-get, names what to do in one line", () => {
    const result = ensure({ CHROMIUM_PATH: "/nonexistent/chromium", PATH: tempDir() });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "npm test: the browser tests need chromium at /nonexistent/chromium, which is missing: install it with your system's chromium package (or set CHROMIUM_PATH to a chromium), then `npm test` again.",
    ]);
  });

  it("with apt-get, installs Debian's chromium in one line and goes on when root, or names the sudo command", () => {
    const bin = tempDir();
    const browser = path.join(tempDir(), "chromium");
    // An apt-get that records its calls and "installs" chromium where CHROMIUM_PATH says.
    write(path.join(bin, "apt-get"), `#!/bin/sh\necho "$@" >> "${bin}/calls"\n[ "$1" = install ] && printf '#!/bin/sh\\n' > "${browser}" && chmod +x "${browser}"\nexit 0\n`);
    chmodSync(path.join(bin, "apt-get"), 0o755);
    const result = ensure({ CHROMIUM_PATH: browser, PATH: `${bin}:${process.env.PATH}` });
    if (process.getuid?.() !== 0) {
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/install it with `sudo sh -c 'apt-get update && apt-get install -y chromium'`/);
      return;
    }
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([`npm test: chromium is missing at ${browser}: installing Debian's (apt-get update && apt-get install -y chromium).`]);
    expect(readFileSync(path.join(bin, "calls"), "utf8").trim().split("\n")).toEqual(["--version", "update -qq", "install -y -qq chromium"]);
  });
});
