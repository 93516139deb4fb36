/**
 * Counts failed attempts per account (wrong password, wrong code) and blocks the account once
 * there are `max` failures within `windowMs`, so guessing is slow — as AuthKit does.
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

  /** Milliseconds until the account may try again; 0 when it is not blocked. */
  blockedFor(key: string): number {
    const list = this.recent(key);
    return list.length >= this.max ? list[0]! + this.windowMs - Date.now() : 0;
  }

  fail(key: string): void {
    this.failures.set(key, [...this.recent(key), Date.now()]);
  }

  clear(key?: string): void {
    if (key === undefined) this.failures.clear();
    else this.failures.delete(key);
  }
}
