import { afterEach, describe, expect, it, vi } from "vitest";
import { FailureLimiter } from "./limiter.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("FailureLimiter", () => {
  it("counts each attempt as it starts and blocks the one after the limit", () => {
    const limiter = new FailureLimiter(3, 60_000);
    expect([limiter.begin("a"), limiter.begin("a"), limiter.begin("a")]).toEqual([0, 0, 0]);
    expect(limiter.begin("a")).toBeGreaterThan(59_000);
    expect(limiter.begin("b")).toBe(0);
  });

  it("takes back only the latest attempt when it is forgiven", () => {
    const limiter = new FailureLimiter(3, 60_000);
    limiter.begin("a");
    limiter.begin("a");
    limiter.begin("a");
    limiter.forgive("a");
    expect(limiter.begin("a")).toBe(0);
    expect(limiter.begin("a")).toBeGreaterThan(0);
  });

  it("forgets failures once they are older than the window, and all of them on clear", () => {
    vi.useFakeTimers();
    const limiter = new FailureLimiter(2, 60_000);
    limiter.begin("a");
    limiter.begin("a");
    expect(limiter.begin("a")).toBe(60_000);
    vi.advanceTimersByTime(60_001);
    expect(limiter.begin("a")).toBe(0);
    limiter.begin("a");
    limiter.clear("a");
    expect(limiter.begin("a")).toBe(0);
  });
});
