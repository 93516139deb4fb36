import { applyFileStep } from "./apply-step.ts";
import type { Recipe } from "./readme-steps.ts";
import { runCommand } from "./run-command.ts";

/** The checks a recipe's own commands must include, so following it proves it typechecks and its tests pass. */
export function missingChecks(recipe: Recipe): string[] {
  const commands = recipe.steps.flatMap((step) => (step.kind === "run" ? step.commands : []));
  const testFiles = recipe.steps.flatMap((step) => (step.kind !== "run" && /\.test\.tsx?$/.test(step.file) ? [step.file] : []));
  const missing = [
    ...(commands.some((c) => /^npm run codegen\b/.test(c)) ? [] : ["npm run codegen"]),
    ...(commands.some((c) => /^npm run typecheck\b|^(npx )?tsc -b\b/.test(c)) ? [] : ["npm run typecheck"]),
  ];
  for (const file of new Set(testFiles)) {
    if (!commands.some((c) => /\bvitest run\b/.test(c) && c.split(/\s+/).includes(file))) missing.push(`a vitest run of ${file}`);
  }
  return missing;
}

/** Follows every step of `recipe` in the project at `dir`, in order; returns how long each command took. */
export async function followRecipe(recipe: Recipe, dir: string, commandTimeoutMs: number): Promise<{ command: string; ms: number }[]> {
  const timings: { command: string; ms: number }[] = [];
  for (const step of recipe.steps) {
    if (step.kind !== "run") {
      applyFileStep(dir, step);
      continue;
    }
    for (const command of step.commands) {
      try {
        const { ms } = await runCommand(command, dir, commandTimeoutMs);
        timings.push({ command, ms });
      } catch (error) {
        throw new Error(`"${recipe.title}", README.md:${step.line}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
  }
  return timings;
}
