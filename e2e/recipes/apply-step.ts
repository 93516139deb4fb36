import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Step } from "./readme-steps.ts";

type FileStep = Exclude<Step, { kind: "run" }>;

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

/**
 * Does what a file step of a recipe says, in the project at `root`, exactly as written: an
 * anchor or text to replace must be there (once, unless "every"), a file to create must not be.
 * Its errors name the README line, so a recipe that no longer fits the code says where.
 */
export function applyFileStep(root: string, step: FileStep): void {
  const file = path.join(root, step.file);
  const where = `README.md:${step.line}`;
  if (step.kind === "create") {
    if (existsSync(file)) throw new Error(`${where}: says to create ${step.file}, which already exists. Choose another name, or edit it instead.`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${step.content}\n`);
    return;
  }
  if (!existsSync(file)) throw new Error(`${where}: says to edit ${step.file}, which does not exist (renamed or moved?). Update the recipe.`);
  const text = readFileSync(file, "utf8");
  if (step.kind === "append") {
    writeFileSync(file, `${text.endsWith("\n") ? text : `${text}\n`}\n${step.content}\n`);
    return;
  }
  if (step.kind === "insert") {
    const lines = text.split("\n");
    const at = lines.flatMap((l, i) => (l.includes(step.after) ? [i] : []));
    if (at.length !== 1) {
      throw new Error(
        `${where}: says to add after the line with \`${step.after}\` in ${step.file}, which has ${at.length === 0 ? "no such line" : `${at.length} of them`}. Update the recipe to name one line of the file as it is now.`,
      );
    }
    lines.splice(at[0]! + 1, 0, ...step.content.split("\n"));
    writeFileSync(file, lines.join("\n"));
    return;
  }
  const found = count(text, step.old);
  if (found === 0 || (!step.every && found > 1)) {
    throw new Error(
      `${where}: says to replace \`${step.old}\` in ${step.file}, which holds it ${found} times${step.every ? "" : " (once expected; say \"replace every\" for all)"}. Update the recipe to the file as it is now.`,
    );
  }
  writeFileSync(file, text.split(step.old).join(step.content));
}
