import type { JSONValue } from "convex/values";
import type { Outgoing } from "./protocol.ts";

export type MutationOutcome = Extract<Outgoing, { type: "MutationResponse" }>;

/** How many answers are kept (in memory and in the data folder); the oldest go first. */
export const ANSWERS_KEPT = 10_000;

/**
 * Mutation answers by `<caller>|sessionId:requestId` (the caller: admin, a user, or anonymous), like the backend's session request records:
 * a mutation the client re-sends after a reconnect (or after this server restarted) is
 * answered from here, or waits for its first run, instead of running twice.
 */
export class MutationAnswers {
  private pending = new Map<string, Promise<MutationOutcome>>();
  private settled = new Map<string, MutationOutcome>();

  constructor(saved: Record<string, JSONValue> = {}) {
    for (const [key, outcome] of Object.entries(saved)) this.settled.set(key, outcome as unknown as MutationOutcome);
  }

  /** The earlier answer (or the run still in progress) for `key`, if any. */
  get(key: string): Promise<MutationOutcome> | undefined {
    const done = this.settled.get(key);
    return done ? Promise.resolve(done) : this.pending.get(key);
  }

  /** Records `run` as the one execution for `key`. */
  record(key: string, run: Promise<MutationOutcome>): void {
    this.pending.set(key, run);
    run.then(
      (outcome) => {
        this.pending.delete(key);
        this.settled.set(key, outcome);
        if (this.settled.size > ANSWERS_KEPT) this.settled.delete(this.settled.keys().next().value!);
      },
      () => this.pending.delete(key),
    );
  }
}
