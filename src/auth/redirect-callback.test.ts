import { afterEach, describe, expect, test, vi } from "vitest";
import { createRedirectCallback } from "./redirect-callback";

afterEach(() => vi.useRealTimers());

describe("onRedirectCallback", () => {
  test("replaces /callback with the validated returnTo, after AuthKit has cleaned the URL", () => {
    vi.useFakeTimers();
    const navigate = vi.fn();
    createRedirectCallback(navigate)({ state: { returnTo: "/app/account?tab=session" } });
    // AuthKit's replaceState runs synchronously after the callback; navigation must come after it.
    expect(navigate).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(navigate).toHaveBeenCalledExactlyOnceWith("/app/account?tab=session", { replace: true });
  });

  test.each([
    ["another origin", { returnTo: "https://evil.example/" }],
    ["protocol-relative", { returnTo: "//evil.example" }],
    ["no returnTo", {}],
    ["no state", undefined],
    ["state that is not an object", "returnTo=/app/account"],
  ])("goes to /app for %s", (_label, state) => {
    vi.useFakeTimers();
    const navigate = vi.fn();
    createRedirectCallback(navigate)({ state });
    vi.runAllTimers();
    expect(navigate).toHaveBeenCalledExactlyOnceWith("/app", { replace: true });
  });
});
