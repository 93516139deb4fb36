import { describe, expect, test } from "vitest";
import { readCallbackArrival } from "./callback-arrival";

const storage = (items: Record<string, string>) => ({ getItem: (key: string) => items[key] ?? null });

describe("readCallbackArrival", () => {
  test("records the code, the state and whether this tab started the sign-in", () => {
    expect(
      readCallbackArrival({ search: '?code=abc&state={"returnTo":"/app"}' }, storage({ "workos:code-verifier": "v" })),
    ).toEqual({ hasCode: true, hadVerifier: true, error: null, errorDescription: null, state: '{"returnTo":"/app"}' });
  });

  test("records an OAuth error sent instead of a code", () => {
    expect(readCallbackArrival({ search: "?error=access_denied&error_description=Denied" }, storage({}))).toMatchObject({
      hasCode: false,
      hadVerifier: false,
      error: "access_denied",
      errorDescription: "Denied",
    });
  });

  test("treats blocked storage as no verifier", () => {
    const blocked = {
      getItem: () => {
        throw new Error("SecurityError");
      },
    };
    expect(readCallbackArrival({ search: "?code=abc" }, blocked).hadVerifier).toBe(false);
  });
});
