import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { JSONValue } from "convex/values";
import { afterEach, describe, expect, test, vi } from "vitest";
import { tableOf } from "./internals.ts";
import { Persistence, recover, type Snapshot } from "./persistence.ts";
import type { Commit } from "./runtime.ts";
import { applyRecord, emptySnapshot } from "./storage/records.ts";

// A crash cannot be staged mid-call, so the snapshot's rename and the log deletions call this first.
const crash = vi.hoisted(() => ({ before: null as ((step: string) => void) | null }));
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return {
    ...actual,
    renameSync: (from: string, to: string) => {
      crash.before?.(`rename ${path.basename(String(to))}`);
      actual.renameSync(from, to);
    },
    rmSync: (target: string, options?: Parameters<typeof actual.rmSync>[1]) => {
      crash.before?.(`rm ${path.basename(String(target))}`);
      actual.rmSync(target, options);
    },
  };
});
const logLines = vi.hoisted(() => [] as string[]);
vi.mock("./logs.ts", () => ({ serverLog: (line: string) => logLines.push(line) }));

const dirs: string[] = [];
const running: Persistence[] = [];
afterEach(async () => {
  crash.before = null;
  for (const persistence of running.splice(0)) await persistence.close();
  logLines.length = 0;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "convex-local-persistence-"));
  dirs.push(dir);
  return dir;
}

/** A database standing in for convex-test's: it commits, and hands each commit to the persistence. */
class World {
  state: Snapshot = emptySnapshot();
  db = { nextDocId: 10_000, lastCreationTime: 0, storage: {} };
  persistence!: Persistence;
  private ts = 1n;

  constructor(readonly dataDir: string) {}

  async start(): Promise<void> {
    const recovered = recover(this.dataDir);
    this.state = recovered.snapshot ?? emptySnapshot();
    this.persistence = await Persistence.start({ dataDir: this.dataDir, take: async () => structuredClone(this.state), compactAtBytes: 1 << 30 }, recovered);
    running.push(this.persistence);
  }

  /** Commits as a call would, and resolves once the persistence says it is safe (finishCall). */
  async commit(writes: Record<string, Record<string, JSONValue> | null>, answer?: { key: string; value: JSONValue }): Promise<void> {
    const callId = Number(this.ts) + 1000;
    this.persistence.startCall(callId, answer !== undefined);
    const commit: Commit = { ts: this.ts++, callId, writes: Object.entries(writes).map(([id, after]) => ({ id, table: tableOf(id), before: this.state.documents[id] as never, after })) };
    this.db.nextDocId++;
    applyRecord(this.state, { ts: commit.ts.toString(), writes, nextDocId: this.db.nextDocId });
    if (answer) this.state.requests = { ...this.state.requests, [answer.key]: answer.value };
    setImmediate(() => this.persistence.logCommit(commit, this.db));
    await this.persistence.finishCall(callId, answer);
  }
}

/** What a restart on a copy of the folder, taken now, would bring back. */
function restartOn(dataDir: string): Snapshot | null {
  const copy = folder();
  cpSync(dataDir, copy, { recursive: true });
  const before = crash.before;
  crash.before = null;
  try {
    return recover(copy).snapshot;
  } finally {
    crash.before = before;
  }
}

const note = (text: string) => ({ text });

describe("recovery", () => {
  test("every acknowledged commit and answer comes back from the log alone, after a kill (no close)", async () => {
    const world = new World(folder());
    await world.start();
    await world.commit({ "1notes": note("a") });
    await world.commit({ "2notes": note("b") }, { key: "session:1", value: { success: true } });
    await world.commit({ "1notes": null });
    const back = restartOn(world.dataDir);
    expect(back?.documents).toEqual({ "2notes": note("b") });
    expect(back?.requests).toEqual({ "session:1": { success: true } });
    expect(back?.nextDocId).toBe(world.db.nextDocId);
    expect(back?.lastCommitTs).toBe("3");
  });

  test("a torn last record is dropped with a log line naming the file and offset; the next start writes a clean snapshot", async () => {
    const dataDir = folder();
    const world = new World(dataDir);
    await world.start();
    await world.commit({ "1notes": note("kept") });
    const log = readdirSync(dataDir).find((name) => name.endsWith(".jsonl"))!;
    appendFileSync(path.join(dataDir, log), '{"ts":"9","writes":{"2notes":{"te');
    const again = new World(dataDir);
    await again.start();
    expect(again.state.documents).toEqual({ "1notes": note("kept") });
    expect(logLines.join("\n")).toMatch(new RegExp(`${path.join(dataDir, log)}: dropped the last record, at byte \\d+`));
    expect(readdirSync(dataDir)).not.toContain(log);
    logLines.length = 0;
    recover(dataDir);
    expect(logLines).toEqual([]);
  });

  test("damage before the last record stops the start with the file and --reset, and deletes nothing", async () => {
    const dataDir = folder();
    const world = new World(dataDir);
    await world.start();
    await world.commit({ "1notes": note("a") });
    const log = path.join(dataDir, readdirSync(dataDir).find((name) => name.endsWith(".jsonl"))!);
    appendFileSync(log, 'not json\n{"ts":"5","writes":{}}\n');
    expect(() => recover(dataDir)).toThrow(new RegExp(`${log} is damaged at byte \\d+.*--reset`));
    expect(readdirSync(dataDir)).toContain(path.basename(log));
  });

  test("temporary files of an interrupted snapshot write are removed at start", () => {
    const dataDir = folder();
    writeFileSync(path.join(dataDir, "db.json.12345.tmp"), "{ half");
    recover(dataDir);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});

describe("compaction", () => {
  test("a crash at any step of a compaction loses nothing and brings back nothing deleted", async () => {
    const world = new World(folder());
    await world.start();
    await world.commit({ "1notes": note("a"), "2notes": note("b") });
    await world.commit({ "2notes": null }, { key: "session:1", value: "answer" });
    const expected = structuredClone(world.state);
    const seen: { step: string; back: Snapshot | null }[] = [{ step: "before", back: restartOn(world.dataDir) }];
    crash.before = (step) => seen.push({ step, back: restartOn(world.dataDir) });
    const take = world.persistence["options"].take;
    world.persistence["options"].take = async () => {
      seen.push({ step: "rotated, no snapshot yet", back: restartOn(world.dataDir) });
      return await take();
    };
    // Commits keep arriving while the compaction runs.
    const compaction = world.persistence.compact();
    const during = world.commit({ "3notes": note("c") });
    await compaction;
    await during;
    crash.before = null;
    seen.push({ step: "after", back: restartOn(world.dataDir) });
    expect(seen.map((s) => s.step)).toEqual(expect.arrayContaining(["before", "rotated, no snapshot yet", "rename db.json", "rm commits-1.jsonl", "after"]));
    for (const { step, back } of seen) {
      const documents = back?.documents ?? {};
      // The commit made during the compaction may or may not be there (its answer may not have gone out); the rest must be exactly as committed.
      const { "3notes": _during, ...rest } = documents;
      expect({ step, documents: rest, requests: back?.requests }).toEqual({ step, documents: expected.documents, requests: expected.requests });
    }
    expect(seen.at(-1)?.back?.documents).toEqual({ "1notes": note("a"), "3notes": note("c") });
  });

  test("after a compaction db.json holds the data and old logs are gone; close leaves one snapshot to read", async () => {
    const dataDir = folder();
    const world = new World(dataDir);
    await world.start();
    await world.commit({ "1notes": note("a") });
    await world.persistence.compact();
    expect(readdirSync(dataDir).sort()).toEqual(["commits-2.jsonl", "db.json"]);
    await world.commit({ "2notes": note("b") });
    await running.pop()!.close();
    expect(readdirSync(dataDir)).toEqual(["db.json"]);
    expect(recover(dataDir)).toMatchObject({ replayed: 0, nextLog: 3, snapshot: { documents: { "1notes": note("a"), "2notes": note("b") } } });
  });
});
