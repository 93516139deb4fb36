import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { API_KEY_FILE, resolveApiKey } from "./api-key.ts";
import { startAuthKit } from "./server.ts";

// What the app's secret guards (src/config/secret-env.ts) recognise as a WorkOS API key.
const WORKOS_KEY = /^sk_test_[A-Za-z0-9]{8,}$/;

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "authkit-api-key-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the Local AuthKit's API key", () => {
  it("is a random WorkOS-shaped key, new for each in-memory server", () => {
    const a = resolveApiKey(undefined, null);
    const b = resolveApiKey(undefined, null);
    expect(a).toMatch(WORKOS_KEY);
    expect(b).toMatch(WORKOS_KEY);
    expect(a).not.toBe(b);
  });

  it("is kept in the data folder, readable by its owner only, and the same on the next start", async () => {
    const dataDir = tempDir();
    const first = await startAuthKit({ port: 0, dataDir, log: false });
    await first.close();
    const second = await startAuthKit({ port: 0, dataDir, log: false });
    await second.close();
    expect(second.apiKey).toBe(first.apiKey);
    expect(readFileSync(path.join(dataDir, API_KEY_FILE), "utf8").trim()).toBe(first.apiKey);
    expect(statSync(path.join(dataDir, API_KEY_FILE)).mode & 0o077).toBe(0);
  });

  it("refuses a given key that is not an sk_test_ key, and a damaged key file", () => {
    expect(() => resolveApiKey("secret", null)).toThrow(/sk_test_/);
    expect(() => resolveApiKey(`sk_live_${"0123456789".repeat(2)}`, null)).toThrow(/sk_test_/);
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, API_KEY_FILE), "\n");
    expect(() => resolveApiKey(undefined, dataDir)).toThrow(/delete it/);
  });
});
