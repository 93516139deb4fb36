import { LoginRequiredError } from "@workos-inc/authkit-react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { testAccessToken } from "../testing/render-with-auth";
import { getSessionStatus } from "./session-status";
import { classifyTokenError } from "./token-errors";
import { createTokenFetcher } from "./token-fetcher";

// The shapes authkit-js throws (it does not export these through authkit-react).
class RefreshError extends Error {
  name = "RefreshError";
  constructor(
    message: string,
    readonly status?: number,
    readonly isTransient = false,
  ) {
    super(message);
  }
}
class RefreshTimeoutError extends RefreshError {
  name = "RefreshTimeoutError";
  constructor() {
    super("Timed out waiting to refresh the session.", undefined, true);
  }
}

const log = vi.fn();
beforeEach(() => {
  vi.useFakeTimers();
  log.mockReset();
});
afterEach(() => vi.useRealTimers());

const delays = [250, 500, 1000, 2000];

describe("classifyTokenError", () => {
  test.each([
    ["LoginRequiredError", new LoginRequiredError(), "session-ended"],
    ["network TypeError", new TypeError("Failed to fetch"), "transient"],
    ["RefreshError marked transient", new RefreshError("blip", undefined, true), "transient"],
    ["HTTP 408", new RefreshError("timeout", 408), "transient"],
    ["HTTP 429", new RefreshError("slow down", 429), "transient"],
    ["HTTP 500", new RefreshError("oops", 500), "transient"],
    ["HTTP 503", new RefreshError("down", 503), "transient"],
    ["lock timeout", new RefreshTimeoutError(), "transient"],
    ["something else", new Error("surprise"), "unknown"],
    ["HTTP 400 that is not a login error", new RefreshError("bad", 400), "unknown"],
  ])("%s → %s", (_label, error, kind) => {
    expect(classifyTokenError(error)).toBe(kind);
  });
});

describe("fetchAccessToken", () => {
  test("forwards forceRefreshToken to getAccessToken({ forceRefresh })", async () => {
    const getAccessToken = vi.fn().mockResolvedValue("token");
    const fetchAccessToken = createTokenFetcher(getAccessToken, { log });
    await expect(fetchAccessToken({ forceRefreshToken: true })).resolves.toBe("token");
    await expect(fetchAccessToken({ forceRefreshToken: false })).resolves.toBe("token");
    expect(getAccessToken.mock.calls).toEqual([[{ forceRefresh: true }], [{ forceRefresh: false }]]);
    expect(getSessionStatus()).toBe("active");
  });

  test("returns null — signed out — only when WorkOS says the session is over", async () => {
    const getAccessToken = vi.fn().mockRejectedValue(new LoginRequiredError());
    const fetchAccessToken = createTokenFetcher(getAccessToken, { log });
    await expect(fetchAccessToken({ forceRefreshToken: false })).resolves.toBeNull();
    expect(getAccessToken).toHaveBeenCalledTimes(1);
    expect(getSessionStatus()).toBe("ended");
  });

  test.each([
    ["a network error", new TypeError("Failed to fetch")],
    ["a WorkOS 503", new RefreshError("Service unavailable", 503)],
    ["a 429", new RefreshError("Too many requests", 429)],
    ["a transient RefreshError", new RefreshError("blip", undefined, true)],
    ["a refresh lock timeout", new RefreshTimeoutError()],
  ])("retries %s with backoff until a token comes", async (_label, error) => {
    const getAccessToken = vi
      .fn()
      .mockRejectedValueOnce(error)
      .mockRejectedValueOnce(error)
      .mockResolvedValueOnce("fresh");
    const fetchAccessToken = createTokenFetcher(getAccessToken, { retryDelaysMs: delays, log });
    let settled: string | null | undefined;
    void fetchAccessToken({ forceRefreshToken: true }).then((token) => (settled = token));

    await vi.advanceTimersByTimeAsync(0);
    expect(getAccessToken).toHaveBeenCalledTimes(1);
    expect(getSessionStatus()).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(249);
    expect(getAccessToken).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(getAccessToken).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(getAccessToken).toHaveBeenCalledTimes(3);
    expect(settled).toBe("fresh");
    expect(getSessionStatus()).toBe("active");
    expect(getAccessToken).toHaveBeenLastCalledWith({ forceRefresh: true });
    expect(log).toHaveBeenCalledTimes(1);
  });

  test("never resolves to null while failures are transient, however long they last", async () => {
    const getAccessToken = vi.fn().mockRejectedValue(new TypeError("offline"));
    const fetchAccessToken = createTokenFetcher(getAccessToken, { retryDelaysMs: delays, log });
    let settled = false;
    void fetchAccessToken({ forceRefreshToken: false }).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(settled).toBe(false);
    // 250 + 500 + 1000 + 2000, then every 2000 ms (the last delay repeats).
    expect(getAccessToken.mock.calls.length).toBe(5 + Math.floor((60_000 - 3750) / 2000));
  });

  test("never hands Convex back the token it asked to replace: keeps trying until a new one comes", async () => {
    const current = testAccessToken({ exp: Math.floor(Date.now() / 1000) + 120 });
    const getAccessToken = vi
      .fn()
      .mockResolvedValueOnce(current)
      .mockRejectedValueOnce(new RefreshError("down", 502))
      .mockRejectedValueOnce(new RefreshError("down", 502))
      .mockRejectedValueOnce(new TypeError("offline"))
      .mockRejectedValueOnce(new TypeError("offline"))
      .mockResolvedValueOnce("renewed");
    const fetchAccessToken = createTokenFetcher(getAccessToken, { retryDelaysMs: delays, log });
    await fetchAccessToken({ forceRefreshToken: false });

    let settled: string | null | undefined;
    void fetchAccessToken({ forceRefreshToken: true }).then((token) => (settled = token));
    await vi.advanceTimersByTimeAsync(250 + 500 + 1000);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(2000);
    expect(settled).toBe("renewed");
    expect(getSessionStatus()).toBe("active");
  });

  test("a login error during retries ends the session", async () => {
    const getAccessToken = vi
      .fn()
      .mockRejectedValueOnce(new TypeError("offline"))
      .mockRejectedValueOnce(new LoginRequiredError());
    const fetchAccessToken = createTokenFetcher(getAccessToken, { retryDelaysMs: delays, log });
    const result = fetchAccessToken({ forceRefreshToken: true });
    await vi.advanceTimersByTimeAsync(250);
    await expect(result).resolves.toBeNull();
    expect(getSessionStatus()).toBe("ended");
  });

  test("unexpected errors are retried and reported, not read as sign-out", async () => {
    const surprise = new Error("surprise");
    const getAccessToken = vi.fn().mockRejectedValueOnce(surprise).mockResolvedValueOnce("token");
    const fetchAccessToken = createTokenFetcher(getAccessToken, { retryDelaysMs: delays, log });
    const result = fetchAccessToken({ forceRefreshToken: false });
    await vi.advanceTimersByTimeAsync(250);
    await expect(result).resolves.toBe("token");
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/Unexpected/), surprise);
  });

  test("stops retrying once Convex has moved to another fetcher", async () => {
    let current = true;
    const getAccessToken = vi.fn().mockRejectedValue(new TypeError("offline"));
    const fetchAccessToken = createTokenFetcher(getAccessToken, {
      retryDelaysMs: delays,
      isCurrent: () => current,
      log,
    });
    const result = fetchAccessToken({ forceRefreshToken: false });
    await vi.advanceTimersByTimeAsync(250);
    current = false;
    await vi.advanceTimersByTimeAsync(500);
    await expect(result).resolves.toBeNull();
    const calls = getAccessToken.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(getAccessToken.mock.calls.length).toBe(calls);
  });
});
