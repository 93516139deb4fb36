import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { CommitLog, readCommitLog } from "./commit-log.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "convex-local-log-"));
  dirs.push(dir);
  return dir;
}

const isObject = (value: unknown): value is { n: number } => typeof value === "object" && value !== null && !Array.isArray(value);

describe("writing the commit log", () => {
  test("lines that arrive while a write is in flight share the next write (group commit), in order", async () => {
    const file = path.join(folder(), "commits-1.jsonl");
    let writes = 0;
    const log = await CommitLog.open(file, () => writes++);
    const seqs = Array.from({ length: 200 }, (_, n) => log.append(JSON.stringify({ n })));
    await log.durable(seqs.at(-1)!);
    expect(writes).toBeLessThanOrEqual(2);
    expect(readCommitLog(file, isObject, true).records.map((r) => r.n)).toEqual(seqs.map((_, n) => n));
    await log.close();
  });

  test("a line is on disk when durable resolves, and a reserved place holds back later lines until it is filled", async () => {
    const file = path.join(folder(), "commits-1.jsonl");
    const log = await CommitLog.open(file);
    const slot = log.reserve();
    const after = log.append(JSON.stringify({ n: 2 }));
    let done = false;
    const durable = log.durable(after).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(false);
    expect(readFileSync(file, "utf8")).toBe("");
    slot.fill(JSON.stringify({ n: 1 }));
    await durable;
    expect(readFileSync(file, "utf8")).toBe('{"n":1}\n{"n":2}\n');
    await log.close();
  });

  test("after a rotation later lines go to the new file and every earlier line stays whole in the old one", async () => {
    const dir = folder();
    const log = await CommitLog.open(path.join(dir, "commits-1.jsonl"));
    const early = Array.from({ length: 50 }, (_, n) => log.append(JSON.stringify({ n })));
    const rotated = log.rotate(path.join(dir, "commits-2.jsonl"));
    const late = Array.from({ length: 50 }, (_, n) => log.append(JSON.stringify({ n: 50 + n })));
    await rotated;
    await log.durable(late.at(-1)!);
    const first = readCommitLog(path.join(dir, "commits-1.jsonl"), isObject, false).records.map((r) => r.n);
    const second = readCommitLog(path.join(dir, "commits-2.jsonl"), isObject, true).records.map((r) => r.n);
    expect([...first, ...second]).toEqual([...early, ...late].map((_, n) => n));
    expect(first.length).toBeGreaterThan(0);
    await log.close();
  });

  test("once closed, a commit that was not written says so instead of waiting forever", async () => {
    const log = await CommitLog.open(path.join(folder(), "commits-1.jsonl"));
    const slot = log.reserve();
    const waiting = expect(log.durable(slot.seq)).rejects.toThrow(/shutting down: this commit was not written/);
    await log.close();
    await waiting;
  });
});

describe("reading the commit log after a crash", () => {
  test("a torn last record (cut off mid-write) is dropped and its byte offset reported", () => {
    const file = path.join(folder(), "commits-3.jsonl");
    writeFileSync(file, '{"n":1}\n{"n":2}\n{"n":');
    expect(readCommitLog(file, isObject, true)).toEqual({ records: [{ n: 1 }, { n: 2 }], dropped: { offset: 16, reason: expect.stringMatching(/no end of line/) as string } });
  });

  test("an unreadable last line is dropped too", () => {
    const file = path.join(folder(), "commits-3.jsonl");
    writeFileSync(file, '{"n":1}\n\u0000\u0000\u0000\n');
    expect(readCommitLog(file, isObject, true)).toMatchObject({ records: [{ n: 1 }], dropped: { offset: 8 } });
  });

  test("damage before the last record is refused, naming the file, the byte and --reset", () => {
    const file = path.join(folder(), "commits-3.jsonl");
    writeFileSync(file, '{"n":1}\n{"n" 2}\n{"n":3}\n');
    expect(() => readCommitLog(file, isObject, true)).toThrow(`${file} is damaged at byte 8`);
    expect(() => readCommitLog(file, isObject, true)).toThrow(/--reset/);
  });

  test("a torn end of a log that later logs follow is damage, not a crash", () => {
    const file = path.join(folder(), "commits-3.jsonl");
    writeFileSync(file, '{"n":1}\n{"n":');
    expect(() => readCommitLog(file, isObject, false)).toThrow(/damaged at byte 8.*later logs follow it/);
  });
});
