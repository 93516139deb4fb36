import { describe, expect, it } from "vitest";
import { sameSecret } from "./secrets.ts";

describe("sameSecret", () => {
  it("matches only the same secret, whatever the lengths, and never a missing one", () => {
    expect(sameSecret("s3cret", "s3cret")).toBe(true);
    expect(sameSecret("s3cret", "s3creT")).toBe(false);
    expect(sameSecret("s3cret", "s3cret-but-longer")).toBe(false);
    expect(sameSecret("", "s3cret")).toBe(false);
    expect(sameSecret(undefined, "s3cret")).toBe(false);
    expect(sameSecret("", "")).toBe(true);
  });
});
