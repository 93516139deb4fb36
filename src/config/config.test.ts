import { describe, expect, test } from "vitest";
import { readConfig, type AppEnv } from "./config";

const origin = "http://localhost:5173";
const valid: AppEnv = {
  VITE_WORKOS_CLIENT_ID: "client_local",
  VITE_WORKOS_REDIRECT_URI: "http://localhost:5173/callback",
  VITE_CONVEX_URL: "http://127.0.0.1:3210",
};

function problemsFor(env: AppEnv) {
  const result = readConfig(env, origin);
  return result.ok ? [] : result.problems;
}

describe("readConfig", () => {
  test("accepts the minimal configuration with WorkOS defaults", () => {
    expect(readConfig(valid, origin)).toEqual({
      ok: true,
      config: {
        workos: {
          clientId: "client_local",
          redirectUri: "http://localhost:5173/callback",
          apiHostname: undefined,
          port: undefined,
          https: undefined,
          devMode: undefined,
        },
        convexUrl: "http://127.0.0.1:3210",
      },
    });
  });

  test("reads the local AuthKit settings", () => {
    const result = readConfig(
      {
        ...valid,
        VITE_WORKOS_API_HOSTNAME: "localhost",
        VITE_WORKOS_API_PORT: "4100",
        VITE_WORKOS_API_HTTPS: "false",
        VITE_WORKOS_DEV_MODE: "false",
      },
      origin,
    );
    expect(result.ok && result.config.workos).toMatchObject({
      apiHostname: "localhost",
      port: 4100,
      https: false,
      devMode: false,
    });
  });

  test("an empty environment names every required variable", () => {
    expect(problemsFor({}).map((p) => p.variable)).toEqual([
      "VITE_WORKOS_CLIENT_ID",
      "VITE_WORKOS_REDIRECT_URI",
      "VITE_CONVEX_URL",
    ]);
  });

  test("blank values count as missing", () => {
    expect(problemsFor({ ...valid, VITE_WORKOS_CLIENT_ID: "  " })[0]).toMatchObject({
      variable: "VITE_WORKOS_CLIENT_ID",
      fix: expect.stringContaining(".env.local.example"),
    });
  });

  test.each([
    ["an API key as client ID", { VITE_WORKOS_CLIENT_ID: "sk_test_abc" }, "VITE_WORKOS_CLIENT_ID", /API key/],
    ["a client ID of the wrong shape", { VITE_WORKOS_CLIENT_ID: "my-app" }, "VITE_WORKOS_CLIENT_ID", /client_/],
    ["a relative redirect URI", { VITE_WORKOS_REDIRECT_URI: "/callback" }, "VITE_WORKOS_REDIRECT_URI", /absolute/],
    [
      "a redirect URI on another origin",
      { VITE_WORKOS_REDIRECT_URI: "http://localhost:5174/callback" },
      "VITE_WORKOS_REDIRECT_URI",
      /not this page's origin/,
    ],
    [
      "a redirect URI off the callback route",
      { VITE_WORKOS_REDIRECT_URI: "http://localhost:5173/auth" },
      "VITE_WORKOS_REDIRECT_URI",
      /\/callback/,
    ],
    ["a host name with a scheme", { VITE_WORKOS_API_HOSTNAME: "https://auth.example.com" }, "VITE_WORKOS_API_HOSTNAME", /bare host/],
    ["a port that is not a number", { VITE_WORKOS_API_PORT: "41OO" }, "VITE_WORKOS_API_PORT", /not a port/],
    ["a port out of range", { VITE_WORKOS_API_PORT: "70000" }, "VITE_WORKOS_API_PORT", /not a port/],
    ["a non-boolean https", { VITE_WORKOS_API_HTTPS: "yes" }, "VITE_WORKOS_API_HTTPS", /not a boolean/],
    [
      "plain http to a host that is not this machine",
      { VITE_WORKOS_API_HOSTNAME: "auth.example.com", VITE_WORKOS_API_HTTPS: "false" },
      "VITE_WORKOS_API_HTTPS",
      /auth\.example\.com over plain http/,
    ],
    ["plain http to WorkOS itself", { VITE_WORKOS_API_HOSTNAME: "", VITE_WORKOS_API_HTTPS: "false" }, "VITE_WORKOS_API_HTTPS", /api\.workos\.com over plain http/],
    ["a non-boolean dev mode", { VITE_WORKOS_DEV_MODE: "1" }, "VITE_WORKOS_DEV_MODE", /not a boolean/],
    ["a Convex URL that is not a URL", { VITE_CONVEX_URL: "happy-animal-123" }, "VITE_CONVEX_URL", /not an http/],
    ["a Convex URL with another scheme", { VITE_CONVEX_URL: "ws://127.0.0.1:3210" }, "VITE_CONVEX_URL", /not an http/],
  ])("refuses %s, naming the variable and the fix", (_label, override, variable, problem) => {
    const problems = problemsFor({ ...valid, ...override });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ variable, problem: expect.stringMatching(problem) });
    expect(problems[0]?.fix).not.toBe("");
  });

  test("the redirect URI mismatch fix names the URI to use", () => {
    const [problem] = problemsFor({ ...valid, VITE_WORKOS_REDIRECT_URI: "https://prod.example.com/callback" });
    expect(problem?.fix).toContain("http://localhost:5173/callback");
  });
});
