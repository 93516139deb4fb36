import { appendFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkCodegen } from "./codegen.ts";
import { copyOfRepo, REPO_ROOT } from "./testing/inputs.ts";

let copy: ReturnType<typeof copyOfRepo> | undefined;
afterEach(() => {
  copy?.remove();
  copy = undefined;
});

describe("the generated-code check", () => {
  it("passes on this repository", async () => {
    expect(await checkCodegen(REPO_ROOT, 30_000)).toMatchObject({ status: "pass" });
  });

  it("names the stale files and the command that regenerates them", async () => {
    copy = copyOfRepo();
    appendFileSync(path.join(copy.convexDir, "_generated", "api.d.ts"), "\n// edited by hand\n");
    expect(await checkCodegen(copy.root, 30_000)).toMatchObject({
      status: "fail",
      saw: "stale: convex/_generated/api.d.ts",
      fix: "Run npm run codegen and commit convex/_generated.",
    });
  });

  it("finds convex/_generated missing", async () => {
    copy = copyOfRepo();
    rmSync(path.join(copy.convexDir, "_generated"), { recursive: true });
    expect(await checkCodegen(copy.root, 30_000)).toMatchObject({ status: "fail", saw: "convex/_generated is missing" });
  });
});
