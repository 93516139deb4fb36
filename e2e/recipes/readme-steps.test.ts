import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { applyFileStep } from "./apply-step.ts";
import { missingChecks } from "./follow-recipe.ts";
import { readRecipes, type Step } from "./readme-steps.ts";

const fence = "```";
const readme = (body: string) => `# App\n\n## Recipes\n\nIntro.\n\n### One\n\n${body}\n\n## Next section\n\n${fence}sh\nnot a step\n${fence}\n`;

describe("reading the README's recipes", () => {
  test("each code block becomes the step the sentence before it names", () => {
    const [recipe] = readRecipes(
      readme(
        [
          `**1. A file.** Some words first. Create \`a/b.ts\`:`,
          "",
          `${fence}ts\nexport const b = 1;\n${fence}`,
          "",
          "In `a/c.ts`, after the line",
          "with `const c = [`, add:",
          "",
          `${fence}ts\n  2,\n${fence}`,
          "",
          "At the end of `a/c.ts`, add:",
          `${fence}ts\nexport {};\n${fence}`,
          "In `a/c.ts`, replace `1` with:",
          `${fence}ts\none\n${fence}`,
          "In `a/c.ts`, replace every `x` with:",
          `${fence}ts\ny\n${fence}`,
          "**Check it.** Then run:",
          `${fence}sh\nnpm run codegen\n\n# a comment\nnpm run typecheck\n${fence}`,
        ].join("\n"),
      ),
    );
    expect(recipe!.title).toBe("One");
    expect(recipe!.steps.map(({ line: _line, ...step }) => step)).toEqual([
      { kind: "create", file: "a/b.ts", content: "export const b = 1;" },
      { kind: "insert", file: "a/c.ts", after: "const c = [", content: "  2," },
      { kind: "append", file: "a/c.ts", content: "export {};" },
      { kind: "replace", file: "a/c.ts", old: "1", every: false, content: "one" },
      { kind: "replace", file: "a/c.ts", old: "x", every: true, content: "y" },
      { kind: "run", commands: ["npm run codegen", "npm run typecheck"] },
    ]);
    expect(recipe!.steps[0]!.line).toBe(11);
  });

  test("a code block without an instruction it can follow is an error naming its line", () => {
    expect(() => readRecipes(readme(`Here is some code:\n\n${fence}ts\nconst x = 1;\n${fence}`))).toThrow(
      /README\.md:11: the code block here is preceded by "Here is some code:", which says nothing this test can follow/,
    );
  });

  test("a README without the section says so", () => {
    expect(() => readRecipes("# App\n")).toThrow('README.md has no "## Recipes" section.');
  });
});

describe("following a file step", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const project = (files: Record<string, string>) => {
    dir = mkdtempSync(path.join(os.tmpdir(), "recipe-step-"));
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    return dir;
  };
  type FileStep = Exclude<Step, { kind: "run" }>;
  type WithoutLine<T> = T extends unknown ? Omit<T, "line"> : never;
  const step = (s: WithoutLine<FileStep>): FileStep => ({ ...s, line: 42 });

  test("inserts after the one line holding the anchor, replaces and appends as written", () => {
    project({ "c.ts": "const c = [\n  1,\n];\n" });
    applyFileStep(dir, step({ kind: "insert", file: "c.ts", after: "const c = [", content: "  0," }));
    applyFileStep(dir, step({ kind: "replace", file: "c.ts", old: "  1,", every: false, content: "  2," }));
    applyFileStep(dir, step({ kind: "append", file: "c.ts", content: "export { c };" }));
    applyFileStep(dir, step({ kind: "create", file: "d/e.ts", content: "export {};" }));
    expect(readFileSync(path.join(dir, "c.ts"), "utf8")).toBe("const c = [\n  0,\n  2,\n];\n\nexport { c };\n");
    expect(readFileSync(path.join(dir, "d/e.ts"), "utf8")).toBe("export {};\n");
  });

  test("an anchor that is gone or not one line, text that is not there once, or a file that exists fails with the README line", () => {
    project({ "c.ts": "a\na\n" });
    expect(() => applyFileStep(dir, step({ kind: "insert", file: "c.ts", after: "b", content: "x" }))).toThrow(/README\.md:42: .*has no such line/);
    expect(() => applyFileStep(dir, step({ kind: "insert", file: "c.ts", after: "a", content: "x" }))).toThrow(/has 2 of them/);
    expect(() => applyFileStep(dir, step({ kind: "replace", file: "c.ts", old: "a", every: false, content: "x" }))).toThrow(/holds it 2 times \(once expected/);
    expect(() => applyFileStep(dir, step({ kind: "replace", file: "c.ts", old: "z", every: true, content: "x" }))).toThrow(/holds it 0 times/);
    expect(() => applyFileStep(dir, step({ kind: "create", file: "c.ts", content: "x" }))).toThrow(/already exists/);
    expect(() => applyFileStep(dir, step({ kind: "append", file: "gone.ts", content: "x" }))).toThrow(/does not exist \(renamed or moved\?\)/);
  });
});

test("a recipe that does not run codegen, the typecheck and each test it writes is told what is missing", () => {
  const recipe = readRecipes(readme(`Create \`convex/x.test.ts\`:\n${fence}ts\n${fence}\nThen run:\n${fence}sh\nnpm run codegen\n${fence}`))[0]!;
  expect(missingChecks(recipe)).toEqual(["npm run typecheck", "a vitest run of convex/x.test.ts"]);
});
