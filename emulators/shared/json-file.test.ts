import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readJsonFile, writeFileAtomic, writeJsonAtomic } from "./json-file.ts";

// A disk that fills up halfway through the next write: the first half of the content lands in
// whatever file is being written, then the write fails, as ENOSPC does.
const diskFull = vi.hoisted(() => ({ next: false }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const writeFileSync: typeof fs.writeFileSync = (file, data, options) => {
    if (!diskFull.next) return fs.writeFileSync(file, data, options);
    diskFull.next = false;
    fs.writeFileSync(file, String(data).slice(0, Math.floor(String(data).length / 2)), options);
    throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  };
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "emulators-json-file-"));
});
afterEach(() => {
  diskFull.next = false;
  rmSync(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("leaves the previous file whole, and no temporary file, when a write fails halfway", () => {
    const file = path.join(dir, "data.json");
    writeFileAtomic(file, JSON.stringify({ users: ["alice"] }));
    diskFull.next = true;
    expect(() => writeFileAtomic(file, JSON.stringify({ users: ["alice", "bob", "carol", "dana"] }))).toThrow("ENOSPC");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ users: ["alice"] });
    expect(readdirSync(dir)).toEqual(["data.json"]);
  });

  it("replaces the file and creates its folder", () => {
    const file = path.join(dir, "nested", "data.json");
    writeFileAtomic(file, "one");
    writeFileAtomic(file, "two");
    expect(readFileSync(file, "utf8")).toBe("two");
    expect(readdirSync(path.dirname(file))).toEqual(["data.json"]);
  });

  it("makes a new file readable by its owner only", () => {
    const file = path.join(dir, "data.json");
    writeJsonAtomic(file, { secret: true }, { pretty: true });
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(readFileSync(file, "utf8")).toBe('{\n  "secret": true\n}\n');
  });
});

describe("readJsonFile", () => {
  it("tells a missing file from a file holding null", () => {
    const file = path.join(dir, "data.json");
    expect(readJsonFile(file, "Delete it")).toBeNull();
    writeFileSync(file, "null");
    expect(readJsonFile(file, "Delete it")).toEqual({ value: null });
  });

  it("refuses a corrupt file, naming it and what to do", () => {
    const file = path.join(dir, "data.json");
    writeFileSync(file, "{ half a file");
    expect(() => readJsonFile(file, "Delete it to start over")).toThrow(new RegExp(`^${file} is not valid JSON \\(.*\\)\\. Delete it to start over\\.$`));
  });
});
