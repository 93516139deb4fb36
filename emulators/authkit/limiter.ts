/** One check of a password or an emailed code, from its start to its outcome. */
export interface Attempt {
  /**
   * The check passed. For a verified account this forgives the account's earlier failures; for an
   * unverified one only this attempt is not counted, so signing in again cannot wipe out the count
   * of wrong codes.
   */
  succeed(accountVerified: boolean): void;
  /** Ends the attempt: counted as a failure unless `succeed` was called. Always call it. */
  end(): void;
}

export type AttemptStart = { blockedMs: number } | { blockedMs: 0; attempt: Attempt };

/**
 * Blocks an account (password, emailed code) once it has `max` failures within `windowMs`, so
 * guessing is slow — as AuthKit does. Only failures count: ten right passwords at once all sign in.
 *
 * A parallel burst still cannot slip under the limit while its passwords are being hashed: the
 * checks of one account run one at a time, each seeing the failures of those before it.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  /** Per account, the end of the last attempt started: the next one waits for it. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    readonly max = 5,
    readonly windowMs = 15 * 60 * 1000,
  ) {}

  private recent(key: string): number[] {
    const cutoff = Date.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /**
   * Waits for the account's earlier attempts to end, then starts one: `blockedMs` > 0 (the
   * milliseconds until it may try again) when the account is blocked.
   */
  async begin(key: string): Promise<AttemptStart> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    let release!: () => void;
    const ended = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => ended);
    this.queues.set(key, tail);
    await previous;
    const done = () => {
      release();
      if (this.queues.get(key) === tail) this.queues.delete(key);
    };
    const list = this.recent(key);
    if (list.length >= this.max) {
      done();
      return { blockedMs: list[0]! + this.windowMs - Date.now() };
    }
    let outcome: "failed" | "forgiven" | "cleared" = "failed";
    let open = true;
    return {
      blockedMs: 0,
      attempt: {
        succeed: (accountVerified) => {
          outcome = accountVerified ? "cleared" : "forgiven";
        },
        end: () => {
          if (!open) return;
          open = false;
          if (outcome === "cleared") this.failures.delete(key);
          else if (outcome === "failed") this.failures.set(key, [...this.recent(key), Date.now()]);
          done();
        },
      },
    };
  }

  clear(key?: string): void {
    if (key === undefined) this.failures.clear();
    else this.failures.delete(key);
  }
}
