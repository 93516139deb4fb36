import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient } from "convex/browser";
import WebSocket from "ws";
import { startConvexForTests, type LocalConvexForTests } from "../server.ts";
import type { ConvexOptions } from "../config.ts";
import { createTestIssuer, type TestIssuer } from "./tokens.ts";

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
export const basicFixture = path.join(repoRoot, "emulators/convex/fixtures/basic/convex");

/**
 * A scratch copy of a fixture's convex folder that tests may edit. It lives under the
 * repository's git-ignored `.local/` so its imports resolve the repository's node_modules.
 */
export function scratchCopy(fixtureConvexDir = basicFixture): { root: string; convexDir: string; dataDir: string; remove(): void } {
  const base = path.join(repoRoot, ".local");
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(path.join(base, "convex-local-test-"));
  cpSync(path.dirname(fixtureConvexDir), root, { recursive: true });
  return { root, convexDir: path.join(root, "convex"), dataDir: path.join(root, "data"), remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface Started<Audience extends string | undefined = string> {
  server: LocalConvexForTests;
  issuer: TestIssuer<Audience>;
  lines: string[];
}

/** The deployment variables the basic fixture's auth.config.ts reads: trust `issuer`'s tokens. */
export function authEnv(issuer: TestIssuer<string | undefined>): Record<string, string> {
  return { TEST_ISSUER: issuer.issuer, TEST_JWKS: issuer.jwksDataUrl, ...(issuer.audience !== undefined && { TEST_AUDIENCE: issuer.audience }) };
}

/** Starts the local Convex on free ports with the basic fixture's auth settings; logs are kept in `lines`. */
export async function startBasic(overrides?: Partial<ConvexOptions>): Promise<Started>;
export async function startBasic<Audience extends string | undefined>(overrides: Partial<ConvexOptions>, issuer: TestIssuer<Audience>): Promise<Started<Audience>>;
export async function startBasic(overrides: Partial<ConvexOptions> = {}, issuer?: TestIssuer<string | undefined>): Promise<Started<string | undefined>> {
  const testIssuer = issuer ?? (await createTestIssuer());
  const lines: string[] = [];
  const server = await startConvexForTests({
    convexDir: basicFixture,
    port: 0,
    sitePort: 0,
    dataDir: null,
    watch: false,
    log: (line) => lines.push(line),
    functionTimeoutMs: 2_000,
    ...overrides,
    env: { ...authEnv(testIssuer), ...overrides.env },
  });
  return { server, issuer: testIssuer, lines };
}

/** The real browser client, over a real WebSocket. */
export function newClient(url: string): ConvexClient {
  return new ConvexClient(url, { webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket, unsavedChangesWarning: false });
}

/** Resolves with the first value for which `predicate` holds; the test's timeout bounds the wait. */
export async function eventually<T>(read: () => Promise<T> | T, predicate: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (predicate(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Collects a subscription's results; `next(pred)` waits for a result matching `pred`. */
export function watch<T>(subscribe: (onValue: (value: T) => void, onError: (error: Error) => void) => () => void) {
  const values: T[] = [];
  const errors: Error[] = [];
  const unsubscribe = subscribe(
    (v) => values.push(v),
    (e) => errors.push(e),
  );
  return {
    values,
    errors,
    unsubscribe,
    latest: () => values.at(-1),
    next: (predicate: (value: T) => boolean) => eventually(() => values.at(-1), (v) => v !== undefined && predicate(v)) as Promise<T>,
  };
}
