// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { build, createServer, type Plugin, type ResolvedConfig } from "vite";
import { describe, expect, test } from "vitest";
import { refuseSecretsInBundle } from "../../vite.config";

// Fake keys, built at run time so that no key-shaped literal sits in the repository.
const FAKE_TEST_KEY = `sk_test_${"abcdefgh".repeat(2)}`;
const FAKE_LIVE_KEY = `sk_live_${"abcdefgh".repeat(2)}`;

// The build-time guard of vite.config.ts: no WorkOS API key may reach the browser bundle.
type Hook = (this: unknown, ...args: unknown[]) => void;
const plugin: Plugin = refuseSecretsInBundle();
const configResolved = plugin.configResolved as Hook;
const generateBundle = (plugin.generateBundle as { handler: Hook }).handler;

function resolve(env: Record<string, string>, envPrefix: string | string[] = "VITE_") {
  return () => configResolved.call(undefined, { env, envPrefix, build: {} } as unknown as ResolvedConfig);
}

function bundle(code: string) {
  const errors: string[] = [];
  const context = {
    error: (message: string) => {
      errors.push(message);
      throw new Error(message);
    },
  };
  try {
    generateBundle.call(context, {}, { "assets/page.js": { type: "chunk", fileName: "assets/page.js", code } });
  } catch {
    // recorded above
  }
  return errors;
}

describe("refuseSecretsInBundle", () => {
  test("accepts the app's own variables", () => {
    expect(resolve({ VITE_WORKOS_CLIENT_ID: "client_local", VITE_CONVEX_URL: "http://127.0.0.1:3210" })).not.toThrow();
  });

  test.each([
    ["a secret-named variable", { VITE_WORKOS_API_KEY: "anything" }, /VITE_WORKOS_API_KEY looks like a secret/],
    ["an API key under any name", { VITE_NOTES: FAKE_LIVE_KEY }, /VITE_NOTES looks like a secret/],
    ["a cookie password", { VITE_WORKOS_COOKIE_PASSWORD: "x".repeat(32) }, /looks like a secret/],
  ])("fails the build for %s", (_label, env, message) => {
    expect(resolve(env)).toThrow(message);
  });

  test("ignores server-side variables that are not exposed", () => {
    expect(resolve({ WORKOS_API_KEY: FAKE_TEST_KEY })).not.toThrow();
  });

  test.each([[""], ["WORKOS_"], [["VITE_", "WORKOS"]]])("refuses envPrefix %j, which would expose WORKOS_API_KEY", (prefix) => {
    expect(resolve({}, prefix)).toThrow(/would expose WORKOS_API_KEY/);
  });

  test("fails when an emitted chunk contains an API key, and passes a clean one", () => {
    expect(bundle(`console.log("${FAKE_TEST_KEY}")`)[0]).toMatch(/assets\/page\.js contains what looks like a WorkOS API key/);
    expect(bundle('console.log("client_local")')).toEqual([]);
  });
});

// A real `vite build` of a tiny project: what ends up in dist/ is what the browser can download.
async function buildFailure(files: Record<string, string>): Promise<string | null> {
  const root = mkdtempSync(join(tmpdir(), "secret-guard-"));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    await build({
      root,
      configFile: false,
      envDir: false,
      logLevel: "silent",
      plugins: [refuseSecretsInBundle()],
      build: { outDir: "dist", sourcemap: true },
    });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe("refuseSecretsInBundle in a real build", () => {
  const KEY = FAKE_LIVE_KEY;
  const html = (head = "") => `<!doctype html><html><head>${head}</head><body><script type="module" src="/main.js"></script></body></html>`;
  // Big enough not to be inlined as a data: URL, so it is emitted as a file of its own.
  const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg"><text>${text}</text>${" ".repeat(5000)}</svg>`;

  test("a clean project builds", async () => {
    expect(await buildFailure({ "index.html": html(), "main.js": 'console.log("client_local");' })).toBeNull();
  });

  test.each([
    ["the code", { "index.html": html(), "main.js": `console.log("${KEY}");` }, /contains what looks like a WorkOS API key/],
    ["a comment (kept in the source map)", { "index.html": html(), "main.js": `// ${KEY}\nconsole.log(1);` }, /\.map contains/],
    ["index.html", { "index.html": html(`<meta name="k" content="${KEY}">`), "main.js": "console.log(1);" }, /index\.html contains/],
    ["a file in public/", { "index.html": html(), "main.js": "console.log(1);", "public/config.js": `window.key = "${KEY}";` }, /config\.js contains/],
    [
      "an imported asset",
      { "index.html": html(), "main.js": 'import url from "./logo.svg"; console.log(url);', "logo.svg": svg(KEY) },
      /logo-.*\.svg contains/,
    ],
  ])("fails when a key is in %s", async (_label, files, message) => {
    expect(await buildFailure(files)).toMatch(message);
  });
});

describe("refuseSecretsInBundle on the dev server", () => {
  test("vite's dev server refuses to start with a secret in .env.local, as the build does", async () => {
    const root = mkdtempSync(join(tmpdir(), "secret-guard-serve-"));
    try {
      writeFileSync(join(root, ".env.local"), `VITE_WORKOS_API_KEY=${FAKE_TEST_KEY}\n`);
      const starting = createServer({ root, configFile: false, logLevel: "silent", plugins: [refuseSecretsInBundle()], server: { port: 0 } });
      await expect(starting).rejects.toThrow(/VITE_WORKOS_API_KEY looks like a secret/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
