import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ADMIN_KEY_FILE, resolveAdminKey } from "./admin-key.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "convex-admin-key-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("the admin key", () => {
  test("is random: two in-memory servers never share one", () => {
    const [a, b] = [resolveAdminKey(undefined, null), resolveAdminKey(undefined, null)];
    expect(a).toMatch(/^local-convex\|[0-9a-f]{64}$/);
    expect(b).not.toBe(a);
  });

  test("is kept in the data folder, readable by its owner only, and the same after a restart", () => {
    const first = resolveAdminKey(undefined, path.join(dir, "data"));
    expect(resolveAdminKey(undefined, path.join(dir, "data"))).toBe(first);
    expect(statSync(path.join(dir, "data", ADMIN_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(resolveAdminKey(undefined, path.join(dir, "other"))).not.toBe(first);
  });

  test("is the one given when there is one, and an empty one is refused", () => {
    expect(resolveAdminKey("mine|123", dir)).toBe("mine|123");
    expect(() => resolveAdminKey(" ", dir)).toThrow("adminKey is empty");
  });

  test("names the file when it is empty", () => {
    writeFileSync(path.join(dir, ADMIN_KEY_FILE), "\n");
    expect(() => resolveAdminKey(undefined, dir)).toThrow(`${path.join(dir, ADMIN_KEY_FILE)} is empty`);
  });
});
