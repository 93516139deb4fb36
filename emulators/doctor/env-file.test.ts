import { describe, expect, it } from "vitest";
import type { CheckResult } from "./check.ts";
import { checkEnvFile } from "./env-file.ts";
import { resolveTarget, type DoctorInputs } from "./inputs.ts";
import { inputsFor, REAL_ENV } from "./testing/inputs.ts";

// Built at run time, so no key-shaped literal is committed.
const FAKE_API_KEY = `sk_test_${"abcdefgh".repeat(2)}`;

function check(inputs: DoctorInputs, id: string): CheckResult {
  const result = checkEnvFile(inputs, resolveTarget(inputs)).find((c) => c.id === id);
  if (!result) throw new Error(`no check ${id}`);
  return result;
}

function failures(inputs: DoctorInputs): string[] {
  return checkEnvFile(inputs, resolveTarget(inputs))
    .filter((c) => c.status === "fail")
    .map((c) => c.id);
}

describe("the environment checks", () => {
  it("pass on a complete .env.local for real WorkOS and Convex", () => {
    expect(failures(inputsFor({ ...REAL_ENV }))).toEqual([]);
  });

  it("with no .env.local, say the app runs on the local stack and pass", () => {
    const inputs = inputsFor(null);
    expect(failures(inputs)).toEqual([]);
    expect(check(inputs, "env.file").saw).toMatch(/no \.env\.local: npm run dev runs the app on the local stack/);
  });

  it("warn about values the local stack replaces", () => {
    const result = check(inputsFor({ VITE_CONVEX_URL: "https://quiet-otter-42.convex.cloud" }), "env.file");
    expect(result).toMatchObject({ status: "warn", saw: expect.stringContaining("ignores VITE_CONVEX_URL") });
  });

  it("find the example file's placeholders", () => {
    const inputs = inputsFor({ ...REAL_ENV, VITE_WORKOS_CLIENT_ID: "client_01XXXXXXXXXXXXXXXXXXXXXXXX", VITE_CONVEX_URL: "https://happy-animal-123.convex.cloud" });
    expect(failures(inputs)).toEqual(["env.placeholders"]);
    expect(check(inputs, "env.placeholders").fix).toMatch(/dashboard → API Keys/);
  });

  it.each([
    ["an API key as client ID", { VITE_WORKOS_CLIENT_ID: FAKE_API_KEY }, ["env.secrets", "env.client-id"], /sk_/],
    ["a client ID of another shape", { VITE_WORKOS_CLIENT_ID: "client_01-abc" }, ["env.client-id"], /Client ID/],
    ["a redirect URI on another port", { VITE_WORKOS_REDIRECT_URI: "http://localhost:5174/callback" }, ["env.redirect-uri"], /http:\/\/localhost:5173\/callback/],
    ["a redirect URI off /callback", { VITE_WORKOS_REDIRECT_URI: "http://localhost:5173/auth/callback" }, ["env.redirect-uri"], /http:\/\/localhost:5173\/callback/],
    ["a Convex URL that is no URL", { VITE_CONVEX_URL: "quiet-otter-42" }, ["env.convex-url"], /convex\.cloud/],
    ["the HTTP actions origin as Convex URL", { VITE_CONVEX_URL: "https://quiet-otter-42.convex.site" }, ["env.convex-url"], /quiet-otter-42\.convex\.cloud/],
    ["a secret-named VITE_ variable", { VITE_WORKOS_API_KEY: "anything" }, ["env.secrets"], /Convex deployment only/],
    ["plain http to WorkOS", { VITE_WORKOS_API_HTTPS: "false" }, ["env.authkit-host"], /https is the default/],
  ])("find %s and say how to fix it", (_label, override, ids, fix) => {
    const inputs = inputsFor({ ...REAL_ENV, ...override });
    expect(failures(inputs)).toEqual(ids);
    expect(check(inputs, ids[0]!).fix).toMatch(fix);
  });

  it("find a secret in .env.local even when the app runs on the local stack", () => {
    expect(failures(inputsFor({ VITE_WORKOS_API_KEY: FAKE_API_KEY }))).toEqual(["env.secrets"]);
  });

  it("find a Vite server that may move off the redirect URI's port", () => {
    const inputs = inputsFor({ ...REAL_ENV }, { vite: { port: 5173, strictPort: false } });
    expect(failures(inputs)).toEqual(["env.vite-port"]);
    expect(check(inputs, "env.vite-port").fix).toContain("strictPort: true");
  });

  it("judge the redirect URI against the port vite.config.ts serves on", () => {
    const inputs = inputsFor({ ...REAL_ENV }, { vite: { port: 3000, strictPort: true } });
    expect(failures(inputs)).toEqual(["env.redirect-uri"]);
    expect(check(inputs, "env.redirect-uri").fix).toContain("http://localhost:3000/callback");
  });
});
