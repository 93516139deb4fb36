import { jsonToConvex, type JSONValue } from "convex/values";
import { serverLog } from "./logs.ts";

interface CronJobSpec {
  name: string;
  args: JSONValue[];
  schedule: Schedule;
}

type Schedule =
  | { type: "interval"; seconds?: number; minutes?: number; hours?: number }
  | { type: "hourly"; minuteUTC?: number }
  | { type: "daily"; hourUTC: number; minuteUTC?: number }
  | { type: "weekly"; dayOfWeek: string; hourUTC: number; minuteUTC?: number }
  | { type: "monthly"; day: number; hourUTC: number; minuteUTC?: number }
  | { type: "cron"; cron: string };

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
/** Node timers overflow past ~24.8 days; longer waits are re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type CronRunner = (udfPath: string, args: Record<string, unknown>, cronName: string) => Promise<void>;

/** Runs the jobs of `convex/crons.ts` (the default export of `cronJobs()`) on their schedules. */
export class CronScheduler {
  private timers = new Set<NodeJS.Timeout>();
  /**
   * Bumped by every stop() (a reload, close). A run still in progress when it changes belongs
   * to jobs that were replaced or removed, so it must not arm its job again when it ends.
   */
  private generation = 0;

  constructor(private readonly run: CronRunner) {}

  /** Replaces every scheduled job with the ones in `cronsModule` (null when there is no crons.ts). */
  load(cronsModule: Record<string, unknown> | null): void {
    this.stop();
    const jobs = (cronsModule?.default as { crons?: Record<string, CronJobSpec> } | undefined)?.crons;
    if (!jobs) return;
    for (const [name, job] of Object.entries(jobs)) this.arm(name, job, Date.now());
    serverLog(`crons: ${Object.keys(jobs).length} job(s) scheduled (${Object.keys(jobs).join(", ")})`);
  }

  stop(): void {
    this.generation += 1;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(name: string, job: CronJobSpec, after: number): void {
    const at = nextRun(job.schedule, after);
    const wait = at - Date.now();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (wait > MAX_TIMER_MS) {
        this.arm(name, job, after);
        return;
      }
      const args = jsonToConvex(job.args[0] ?? {}) as Record<string, unknown>;
      const generation = this.generation;
      void this.run(job.name, args, name)
        .catch((error: unknown) => serverLog(`cron "${name}" (${job.name}) could not run: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (generation === this.generation) this.arm(name, job, at);
        });
    }, Math.min(Math.max(0, wait), MAX_TIMER_MS));
    timer.unref();
    this.timers.add(timer);
  }
}

/** The next time (ms since epoch, UTC) after `after` at which `schedule` fires. */
export function nextRun(schedule: Schedule, after: number): number {
  switch (schedule.type) {
    case "interval": {
      const seconds = schedule.seconds ?? (schedule.minutes ?? 0) * 60 + (schedule.hours ?? 0) * 3600;
      return after + Math.max(1, seconds) * 1000;
    }
    case "hourly":
      return nextMatch(after, { minute: [schedule.minuteUTC ?? 0] });
    case "daily":
      return nextMatch(after, { minute: [schedule.minuteUTC ?? 0], hour: [schedule.hourUTC] });
    case "weekly":
      return nextMatch(after, {
        minute: [schedule.minuteUTC ?? 0],
        hour: [schedule.hourUTC],
        weekday: [DAYS.indexOf(schedule.dayOfWeek)],
      });
    case "monthly":
      return nextMatch(after, { minute: [schedule.minuteUTC ?? 0], hour: [schedule.hourUTC], day: [schedule.day] });
    case "cron":
      return nextMatch(after, parseCron(schedule.cron));
  }
}

interface Fields {
  minute?: number[];
  hour?: number[];
  day?: number[];
  month?: number[];
  weekday?: number[];
}

function nextMatch(after: number, f: Fields): number {
  const d = new Date(Math.floor(after / 60000) * 60000 + 60000);
  const limit = after + 366 * 24 * 3600 * 1000 * 5;
  while (d.getTime() < limit) {
    const ok =
      (!f.month || f.month.includes(d.getUTCMonth() + 1)) &&
      (!f.day || f.day.includes(d.getUTCDate())) &&
      (!f.weekday || f.weekday.includes(d.getUTCDay())) &&
      (!f.hour || f.hour.includes(d.getUTCHours())) &&
      (!f.minute || f.minute.includes(d.getUTCMinutes()));
    if (ok) return d.getTime();
    d.setTime(d.getTime() + 60000);
  }
  throw new Error(`Cron schedule ${JSON.stringify(f)} never fires`);
}

/** Standard five-field cron: `*`, lists, ranges and steps. */
export function parseCron(expr: string): Fields {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`Cron expression "${expr}" must have 5 fields (minute hour day month weekday)`);
  const ranges: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 6]];
  const [minute, hour, day, month, weekday] = parts.map((p, i) => parseField(p, ranges[i]!));
  return { minute, hour, day, month, weekday: weekday?.map((w) => w % 7) };
}

function parseField(field: string, [lo, hi]: [number, number]): number[] | undefined {
  if (field === "*") return undefined;
  const values = new Set<number>();
  for (const item of field.split(",")) {
    const [range, stepText] = item.split("/") as [string, string | undefined];
    const step = stepText ? Number(stepText) : 1;
    const [a, b] = range === "*" ? [lo, hi] : range.includes("-") ? range.split("-").map(Number) : [Number(range), stepText ? hi : Number(range)];
    for (let v = a!; v <= b!; v += step) values.add(v);
  }
  return [...values];
}
