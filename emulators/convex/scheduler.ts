import { serverLog } from "./logs.ts";
import type { Runtime } from "./runtime.ts";

interface JobDoc {
  _id: string;
  name: string;
  args: Record<string, unknown>[];
  scheduledTime: number;
  state: { kind: string };
}

interface JobDb {
  get(id: string): Promise<JobDoc | null>;
  patch(id: string, value: Record<string, unknown>): Promise<void>;
}

export type JobRunner = (job: { name: string; args: Record<string, unknown> }) => Promise<boolean>;

/**
 * convex-test arms a timer when a function is scheduled; after a restart or a schema
 * change those timers belong to the old process or instance. This re-arms the jobs
 * still pending in `_scheduled_functions` and marks jobs that were mid-run as failed
 * (their run was cut off), as the backend does for interrupted actions.
 */
export async function rearmScheduledJobs(runtime: Runtime, runJob: JobRunner): Promise<void> {
  const jobs = Object.values(runtime.documents()).filter(
    (doc) => typeof doc._id === "string" && doc._id.endsWith("_scheduled_functions"),
  ) as unknown as JobDoc[];
  for (const job of jobs) {
    if (job.state.kind === "inProgress") {
      await runtime.t.run(async (ctx) => {
        await (ctx.db as JobDb).patch(job._id, { state: { kind: "failed", error: "Interrupted by a restart of the local Convex" }, completedTime: Date.now() });
      });
      serverLog(`scheduled ${job.name} (${job._id}) was running when the server stopped; marked failed`);
    }
    if (job.state.kind !== "pending") continue;
    const timer = setTimeout(() => void runRestoredJob(runtime, job, runJob), Math.max(0, job.scheduledTime - Date.now()));
    timer.unref();
  }
}

async function runRestoredJob(runtime: Runtime, job: JobDoc, runJob: JobRunner): Promise<void> {
  const started = await runtime.t.run(async (ctx) => {
    const db = ctx.db as JobDb;
    const current = await db.get(job._id);
    if (current?.state.kind !== "pending") return false;
    await db.patch(job._id, { state: { kind: "inProgress" } });
    return true;
  });
  if (!started) return;
  const ok = await runJob({ name: job.name, args: job.args[0] ?? {} });
  await runtime.t.run(async (ctx) => {
    await (ctx.db as JobDb).patch(job._id, ok ? { state: { kind: "success" } } : { state: { kind: "failed" }, completedTime: Date.now() });
  });
}
