import { afterEach, describe, expect, test } from "vitest";
import { startBasic } from "./testing/harness.ts";

/** A test process that starts the local Convex in-process gets its console and rejection handling back on close. */
describe("process-wide hooks", () => {
  const log = console.log;
  const listeners = () => process.listenerCount("unhandledRejection");
  let baseline = 0;
  afterEach(() => {
    expect(console.log).toBe(log);
  });

  test("are held while a server runs and removed when the last one closes", async () => {
    baseline = listeners();
    const first = await startBasic();
    const second = await startBasic();
    expect(console.log).not.toBe(log);
    expect(listeners()).toBe(baseline + 1);
    await first.server.close();
    // The other server still captures its functions' console output.
    expect(console.log).not.toBe(log);
    await second.server.close();
    expect(console.log).toBe(log);
    expect(listeners()).toBe(baseline);
  });

  test("a server that fails to start leaves none behind", async () => {
    baseline = listeners();
    await expect(startBasic({ convexDir: "/nonexistent/convex" })).rejects.toThrow();
    expect(listeners()).toBe(baseline);
  });
});
