import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import { readSnapshot, writeSnapshot, type Snapshot } from "./snapshot.ts";

// Crash safety cannot be shown by crashing, so the file system calls are recorded (and still performed).
const fsLog = vi.hoisted(() => ({ steps: [] as string[], openFiles: new Map<number, string>() }));
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return {
    ...actual,
    openSync: (file: string, flags: string) => {
      const fd = actual.openSync(file, flags);
      fsLog.openFiles.set(fd, String(file));
      return fd;
    },
    fsyncSync: (fd: number) => {
      fsLog.steps.push(`fsync ${fsLog.openFiles.get(fd)}`);
      actual.fsyncSync(fd);
    },
    renameSync: (from: string, to: string) => {
      fsLog.steps.push(`rename ${String(from)} -> ${String(to)}`);
      actual.renameSync(from, to);
    },
  };
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  fsLog.steps.length = 0;
});

const snapshot: Snapshot = { format: 1, nextDocId: 2, lastCreationTime: 1, lastCommitTs: "7", documents: { "1messages": { body: "kept" } }, storage: {} };

describe("db.json writes", () => {
  test("the new content is flushed to disk before it replaces db.json, and the rename is flushed after", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "convex-local-persistence-"));
    dirs.push(dataDir);
    const db = path.join(dataDir, "db.json");
    writeSnapshot(dataDir, snapshot, 3);
    const tmp = fsLog.steps[0]!.slice("fsync ".length);
    expect(path.dirname(tmp)).toBe(dataDir);
    expect(path.basename(tmp)).toMatch(/^db\.json\..+\.tmp$/);
    expect(fsLog.steps).toEqual([`fsync ${tmp}`, `rename ${tmp} -> ${db}`, `fsync ${dataDir}`]);
    expect(readSnapshot(dataDir)).toEqual({ snapshot, log: 3 });
    expect(readdirSync(dataDir)).toEqual(["db.json"]);
  });
});

describe("db.json reads", () => {
  test("a corrupt file is an error naming the file and the way out, not a bare JSON message", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "convex-local-persistence-"));
    dirs.push(dataDir);
    writeFileSync(path.join(dataDir, "db.json"), "{ half a file");
    expect(() => readSnapshot(dataDir)).toThrow(`${path.join(dataDir, "db.json")} is not valid JSON`);
    expect(() => readSnapshot(dataDir)).toThrow(/--reset/);
    writeFileSync(path.join(dataDir, "db.json"), "null");
    expect(() => readSnapshot(dataDir)).toThrow(/has format undefined.*--reset/);
  });

  test("a format 1 file (written before the commit log) is read as containing no log", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "convex-local-persistence-"));
    dirs.push(dataDir);
    writeFileSync(path.join(dataDir, "db.json"), JSON.stringify(snapshot));
    expect(readSnapshot(dataDir)).toEqual({ snapshot, log: 0 });
  });
});
