import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { WorkOS } from "@workos-inc/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { AuthKitOptions } from "../server.ts";
import { startTestAuthKit, type TestAuthKit } from "./start.ts";
import { workosNode } from "./workos-node.ts";

export interface UseTestAuthKitOptions {
  /**
   * How long one server lives:
   * - "file" (the default): one server for all the file's tests, started before the first and closed after the last;
   * - "test": a fresh server for every test, for tests whose changes the next test must not see;
   * - "manual": no server until a test calls `start(options)`, each test with options of its own;
   *   whatever a test started is closed when it ends.
   */
  lifetime?: "file" | "test" | "manual";
  /** Put the data back to the seed (`POST /_local/reset`) before each test: a "file" server that tests change. */
  resetBeforeEach?: boolean;
  /** Keep the data on disk, in `dataDir`, rather than in memory (for tests of data.json or of a restart). */
  onDisk?: boolean;
  /**
   * The server's options (defaults: any free port, in memory, log lines kept in `logs`), or a
   * function that makes them as the server starts, for values another hook makes first (a webhook
   * receiver's URL).
   */
  server?: AuthKitOptions | (() => AuthKitOptions);
}

/** The running Local AuthKit of `useTestAuthKit`: a `TestAuthKit` that always means the current server. */
export interface TestAuthKitFixture extends TestAuthKit {
  /** `@workos-inc/node` pointed at the current server, with its API key (one client per server). */
  readonly workos: WorkOS;
  /**
   * A temporary folder for the server's data, made when first read and removed once the servers
   * that used it are closed: one per file ("file") or per test ("test", "manual").
   */
  readonly dataDir: string;
  /**
   * Starts a server with `options` on top of the fixture's, and makes it the current one (a
   * "manual" test's server, or a restart on the same `dataDir` after `server.close()`). It is
   * closed with the fixture's own: after the test, or after the file for a "file" fixture.
   */
  start(options?: AuthKitOptions): Promise<void>;
}

/**
 * A Local AuthKit for the tests of one file, started and closed by Vitest hooks registered here
 * (call it at the top of the file, where `beforeAll` would go):
 *
 * ```ts
 * const t = useTestAuthKit({ resetBeforeEach: true });
 * it("…", async () => {
 *   await t.post("/_local/users", { email: "erin@example.com" });
 *   expect(await sdkError(t.workos.userManagement.getUser("user_nope"))).toBeInstanceOf(NotFoundException);
 * });
 * ```
 *
 * Hooks run in Vitest's order (after-hooks in reverse): a file's own `afterEach` registered after
 * this call runs before the server closes, one registered before it runs after.
 */
export function useTestAuthKit(o: UseTestAuthKitOptions = {}): TestAuthKitFixture {
  const lifetime = o.lifetime ?? "file";
  let current: { t: TestAuthKit; workos?: WorkOS } | undefined;
  let started: TestAuthKit[] = [];
  let folder: string | undefined;

  const now = (): TestAuthKit => {
    if (current) return current.t;
    throw new Error(
      lifetime === "manual"
        ? "No Local AuthKit is running: in a useTestAuthKit({ lifetime: \"manual\" }) file, each test starts its own with `await t.start()` first."
        : "No Local AuthKit is running: useTestAuthKit's server exists only inside the file's tests and hooks, not while the file is being collected.",
    );
  };
  const dataDir = (): string => (folder ??= mkdtempSync(path.join(tmpdir(), "local-authkit-test-")));

  const start = async (options: AuthKitOptions = {}): Promise<void> => {
    const base = typeof o.server === "function" ? o.server() : o.server;
    const t = await startTestAuthKit({ ...(o.onDisk && { dataDir: dataDir() }), ...base, ...options });
    started.push(t);
    current = { t };
  };
  const stop = async (): Promise<void> => {
    const closing = started;
    started = [];
    current = undefined;
    await Promise.all(closing.map((t) => t.server.close()));
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  };

  if (lifetime === "file") {
    beforeAll(() => start());
    afterAll(stop);
  } else {
    if (lifetime === "test") beforeEach(() => start());
    afterEach(stop);
  }
  if (o.resetBeforeEach) {
    beforeEach(async () => {
      const response = await now().post("/_local/reset", {});
      if (response.status !== 200) throw new Error(`POST /_local/reset answered ${response.status}: ${await response.text()}`);
    });
  }

  return {
    get server() {
      return now().server;
    },
    get url() {
      return now().url;
    },
    get logs() {
      return now().logs;
    },
    get workos() {
      const t = now();
      return (current!.workos ??= workosNode(t));
    },
    get dataDir() {
      return dataDir();
    },
    request: (...args) => now().request(...args),
    post: (...args) => now().post(...args),
    authorizeUrl: (...args) => now().authorizeUrl(...args),
    signIn: (...args) => now().signIn(...args),
    authenticate: (...args) => now().authenticate(...args),
    start,
  };
}
