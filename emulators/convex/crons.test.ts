import { cronJobs, makeFunctionReference } from "convex/server";
import { afterEach, describe, expect, test, vi } from "vitest";
import { CronScheduler, nextRun, parseCron } from "./crons.ts";

const at = (iso: string) => Date.parse(iso);

describe("cron schedules (convex/crons.ts)", () => {
  test("intervals fire every N seconds after the last run", () => {
    expect(nextRun({ type: "interval", seconds: 30 }, at("2026-01-01T00:00:00Z"))).toBe(at("2026-01-01T00:00:30Z"));
    expect(nextRun({ type: "interval", hours: 2 }, at("2026-01-01T00:00:00Z"))).toBe(at("2026-01-01T02:00:00Z"));
  });

  test("hourly, daily, weekly and monthly fire at the next matching UTC minute", () => {
    const from = at("2026-03-04T10:20:30Z"); // a Wednesday
    expect(nextRun({ type: "hourly", minuteUTC: 15 }, from)).toBe(at("2026-03-04T11:15:00Z"));
    expect(nextRun({ type: "daily", hourUTC: 9, minuteUTC: 0 }, from)).toBe(at("2026-03-05T09:00:00Z"));
    expect(nextRun({ type: "weekly", dayOfWeek: "friday", hourUTC: 8 }, from)).toBe(at("2026-03-06T08:00:00Z"));
    expect(nextRun({ type: "monthly", day: 1, hourUTC: 0 }, from)).toBe(at("2026-04-01T00:00:00Z"));
  });

  test("cron expressions support lists, ranges and steps", () => {
    expect(parseCron("*/15 9-10 * * 1,3")).toEqual({ minute: [0, 15, 30, 45], hour: [9, 10], day: undefined, month: undefined, weekday: [1, 3] });
    expect(nextRun({ type: "cron", cron: "*/15 9-10 * * 1,3" }, at("2026-03-04T10:50:00Z"))).toBe(at("2026-03-09T09:00:00Z"));
    expect(() => parseCron("* * *")).toThrow(/5 fields/);
  });
});

describe("cron scheduler across reloads", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A crons.ts module with one job every second, and a runner whose runs end only when released. */
  function everySecond() {
    const crons = cronJobs();
    crons.interval("tick", { seconds: 1 }, makeFunctionReference<"mutation">("ticks:record"));
    const runs: (() => void)[] = [];
    const scheduler = new CronScheduler(() => new Promise<void>((resolve) => runs.push(resolve)));
    return { module: { default: crons }, runs, scheduler };
  }

  test("a run still in progress when crons.ts is reloaded does not arm a second copy of its job", async () => {
    vi.useFakeTimers();
    const { module, runs, scheduler } = everySecond();
    scheduler.load(module);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(1);
    scheduler.load(module);
    runs[0]!();
    await vi.advanceTimersByTimeAsync(1000);
    // Only the reloaded job fires; the old run's end must not have scheduled its own next run.
    expect(runs).toHaveLength(2);
    scheduler.stop();
  });

  test("a run still in progress at stop() (a removed crons.ts, or close) does not run again", async () => {
    vi.useFakeTimers();
    const { module, runs, scheduler } = everySecond();
    scheduler.load(module);
    await vi.advanceTimersByTimeAsync(1000);
    scheduler.load(null);
    runs[0]!();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(1);
  });
});
