/**
 * Counts attempts per account (password, emailed code) and blocks the account once there are
 * `max` failures within `windowMs`, so guessing is slow — as AuthKit does.
 *
 * An attempt counts as failed from the moment it starts: parallel guesses each see the ones before
 * them, so a burst cannot all slip under the limit while their passwords are being hashed.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

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
   * Starts an attempt: the milliseconds until the account may try again when it is blocked, or 0
   * and the attempt is counted as failed until `forgive` or `clear`.
   */
  begin(key: string): number {
    const list = this.recent(key);
    if (list.length >= this.max) return list[0]! + this.windowMs - Date.now();
    this.failures.set(key, [...list, Date.now()]);
    return 0;
  }

  /** Takes back the latest attempt (it succeeded) and leaves earlier failures counted. */
  forgive(key: string): void {
    const list = this.recent(key);
    list.pop();
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
  }

  clear(key?: string): void {
    if (key === undefined) this.failures.clear();
    else this.failures.delete(key);
  }
}
