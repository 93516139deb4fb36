import type { Plugin, ResolvedConfig } from "vite";
import { describe, expect, test } from "vitest";
import { refuseSecretsInBundle } from "../../vite.config";

// The build-time guard of vite.config.ts: no WorkOS API key may reach the browser bundle.
type Hook = (this: unknown, ...args: unknown[]) => void;
const plugin: Plugin = refuseSecretsInBundle();
const configResolved = plugin.configResolved as Hook;
const generateBundle = plugin.generateBundle as Hook;

function resolve(env: Record<string, string>, envPrefix: string | string[] = "VITE_") {
  return () => configResolved.call(undefined, { env, envPrefix } as unknown as ResolvedConfig);
}

function bundle(code: string) {
  const errors: string[] = [];
  const context = {
    error: (message: string) => {
      errors.push(message);
      throw new Error(message);
    },
  };
  try {
    generateBundle.call(context, {}, { "assets/page.js": { type: "chunk", fileName: "assets/page.js", code } });
  } catch {
    // recorded above
  }
  return errors;
}

describe("refuseSecretsInBundle", () => {
  test("accepts the app's own variables", () => {
    expect(resolve({ VITE_WORKOS_CLIENT_ID: "client_local", VITE_CONVEX_URL: "http://127.0.0.1:3210" })).not.toThrow();
  });

  test.each([
    ["a secret-named variable", { VITE_WORKOS_API_KEY: "anything" }, /VITE_WORKOS_API_KEY looks like a secret/],
    ["an API key under any name", { VITE_NOTES: "sk_live_abcdefgh12345678" }, /VITE_NOTES looks like a secret/],
    ["a cookie password", { VITE_WORKOS_COOKIE_PASSWORD: "x".repeat(32) }, /looks like a secret/],
  ])("fails the build for %s", (_label, env, message) => {
    expect(resolve(env)).toThrow(message);
  });

  test("ignores server-side variables that are not exposed", () => {
    expect(resolve({ WORKOS_API_KEY: "sk_test_abcdefgh12345678" })).not.toThrow();
  });

  test.each([[""], ["WORKOS_"], [["VITE_", "WORKOS"]]])("refuses envPrefix %j, which would expose WORKOS_API_KEY", (prefix) => {
    expect(resolve({}, prefix)).toThrow(/would expose WORKOS_API_KEY/);
  });

  test("fails when an emitted chunk contains an API key, and passes a clean one", () => {
    expect(bundle('console.log("sk_test_abcdefgh12345678")')[0]).toMatch(/assets\/page\.js contains what looks like a WorkOS API key/);
    expect(bundle('console.log("client_local")')).toEqual([]);
  });
});
