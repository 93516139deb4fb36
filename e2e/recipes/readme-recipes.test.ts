import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { followRecipe, missingChecks } from "./follow-recipe.ts";
import { copyProject } from "./project-copy.ts";
import { readRecipes } from "./readme-steps.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const recipes = readRecipes(readFileSync(`${root}README.md`, "utf8"));

// Generous: a cold `tsc -b` takes about 35 s of CPU, and over two minutes on a busy two-core machine.
const COMMAND_TIMEOUT_MS = 300_000;
const RECIPE_TIMEOUT_MS = 600_000;

describe("the README's recipes", () => {
  test("are there, and each one ends by running codegen, the typecheck and its own tests", () => {
    expect(recipes.map((r) => r.title)).toEqual(["Add a feature", "Add a role or permission"]);
    for (const recipe of recipes) expect({ recipe: recipe.title, missing: missingChecks(recipe) }).toEqual({ recipe: recipe.title, missing: [] });
  });

  // One copy of the project for both, in README order: the second recipe builds on the first.
  let copy: ReturnType<typeof copyProject>;
  beforeAll(() => {
    copy = copyProject(root);
  });
  afterAll(() => copy?.remove());

  for (const recipe of recipes) {
    test(
      `"${recipe.title}", followed as written in a copy of the project, typechecks and passes its tests`,
      async () => {
        const timings = await followRecipe(recipe, copy.dir, COMMAND_TIMEOUT_MS);
        console.info(`"${recipe.title}": ${timings.map((t) => `${t.command} ${(t.ms / 1000).toFixed(1)} s`).join("; ")}`);
      },
      RECIPE_TIMEOUT_MS,
    );
  }
});
