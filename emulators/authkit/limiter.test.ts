import { afterEach, describe, expect, it, vi } from "vitest";
import { FailureLimiter } from "./limiter.ts";

afterEach(() => {
  vi.useRealTimers();
});

/** One attempt that ends as given; the milliseconds the account is blocked for when refused. */
async function tryOnce(limiter: FailureLimiter, key: string, outcome: "fail" | "verified" | "unverified" = "fail"): Promise<number> {
  const start = await limiter.begin(key);
  if (!("attempt" in start)) return start.blockedMs;
  if (outcome !== "fail") start.attempt.succeed(outcome === "verified");
  start.attempt.end();
  return 0;
}

describe("FailureLimiter", () => {
  it("blocks an account after max failures, and only that account", async () => {
    const limiter = new FailureLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) expect(await tryOnce(limiter, "a")).toBe(0);
    expect(await tryOnce(limiter, "a", "verified")).toBeGreaterThan(59_000);
    expect(await tryOnce(limiter, "b")).toBe(0);
  });

  it("does not count successes: many right passwords at once all get through", async () => {
    const limiter = new FailureLimiter(3, 60_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => tryOnce(limiter, "a", "verified")));
    expect(results).toEqual(Array(10).fill(0));
  });

  it("runs one account's attempts one at a time, so a parallel burst stops at the limit", async () => {
    const limiter = new FailureLimiter(3, 60_000);
    const starts = await Promise.all(Array.from({ length: 8 }, () => limiter.begin("a").then((s) => ("attempt" in s ? (s.attempt.end(), 0) : s.blockedMs))));
    expect(starts.filter((ms) => ms === 0)).toHaveLength(3);
    expect(starts.filter((ms) => ms > 0)).toHaveLength(5);
  });

  it("forgives earlier failures on a verified success, only itself on an unverified one", async () => {
    const limiter = new FailureLimiter(3, 60_000);
    await tryOnce(limiter, "a");
    await tryOnce(limiter, "a");
    await tryOnce(limiter, "a", "unverified");
    expect(await tryOnce(limiter, "a")).toBe(0);
    expect(await tryOnce(limiter, "a")).toBeGreaterThan(0);

    const other = new FailureLimiter(3, 60_000);
    await tryOnce(other, "b");
    await tryOnce(other, "b");
    await tryOnce(other, "b", "verified");
    for (let i = 0; i < 3; i++) expect(await tryOnce(other, "b")).toBe(0);
  });

  it("counts an attempt that ends without an outcome as failed", async () => {
    const limiter = new FailureLimiter(1, 60_000);
    const start = await limiter.begin("a");
    if ("attempt" in start) {
      start.attempt.end();
      start.attempt.end();
    }
    expect(await tryOnce(limiter, "a", "verified")).toBeGreaterThan(0);
  });

  it("forgets failures once they are older than the window, and all of them on clear", async () => {
    vi.useFakeTimers();
    const limiter = new FailureLimiter(2, 60_000);
    await tryOnce(limiter, "a");
    await tryOnce(limiter, "a");
    expect(await tryOnce(limiter, "a")).toBe(60_000);
    vi.advanceTimersByTime(60_001);
    expect(await tryOnce(limiter, "a")).toBe(0);
    await tryOnce(limiter, "a");
    limiter.clear("a");
    expect(await tryOnce(limiter, "a")).toBe(0);
  });
});
