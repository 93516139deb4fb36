/**
 * The README's recipes as steps a program can follow. Each code block in a recipe is preceded by
 * the sentence that says what to do with it, and that sentence is what this reads, so the README
 * stays the one source: a reader and the recipe test follow the same words.
 *
 * The sentences it understands (the last one before a code block, ending in a colon):
 *
 * - Create `path`:                                   a new file, the block as its content
 * - In `path`, after the line with `text`, add:      the block inserted after the one line holding `text`
 * - At the end of `path`, add:                       the block appended
 * - In `path`, replace `old` with:                   the one occurrence of `old` replaced by the block
 * - In `path`, replace every `old` with:             every occurrence (at least one)
 * - … run:                                           a `sh` block: one command a line, run in order
 *
 * A code block in a recipe without one of them is an error, so no step is left unfollowed.
 */

export type Step = { line: number } & (
  | { kind: "create"; file: string; content: string }
  | { kind: "insert"; file: string; after: string; content: string }
  | { kind: "append"; file: string; content: string }
  | { kind: "replace"; file: string; old: string; every: boolean; content: string }
  | { kind: "run"; commands: string[] }
);

export interface Recipe {
  title: string;
  /** The README line of the recipe's heading. */
  line: number;
  steps: Step[];
}

const INSTRUCTIONS: { pattern: RegExp; step: (m: RegExpMatchArray, content: string) => Omit<Step, "line"> | null }[] = [
  { pattern: /Create `([^`]+)`:$/, step: ([, file], content) => ({ kind: "create", file: file!, content }) },
  {
    pattern: /In `([^`]+)`, after the line with `([^`]+)`, add:$/,
    step: ([, file, after], content) => ({ kind: "insert", file: file!, after: after!, content }),
  },
  { pattern: /At the end of `([^`]+)`, add:$/i, step: ([, file], content) => ({ kind: "append", file: file!, content }) },
  {
    pattern: /In `([^`]+)`, replace (every )?`([^`]+)` with:$/,
    step: ([, file, every, old], content) => ({ kind: "replace", file: file!, old: old!, every: every !== undefined, content }),
  },
  {
    pattern: /\brun:$/i,
    step: (_m, content) => ({
      kind: "run",
      commands: content
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "" && !line.startsWith("#")),
    }),
  },
];

/** What a reader sees: emphasis markers and line breaks do not change the instruction. */
function plain(paragraph: string): string {
  return paragraph.replace(/\*\*|__/g, "").replace(/\s+/g, " ").trim();
}

function instructionStep(paragraph: string, content: string, line: number): Step {
  const text = plain(paragraph);
  for (const { pattern, step } of INSTRUCTIONS) {
    const match = text.match(pattern);
    if (match) return { ...step(match, content), line } as Step;
  }
  const said = text === "" ? "nothing" : `"${text.length > 160 ? `…${text.slice(-160)}` : text}"`;
  throw new Error(
    `README.md:${line}: the code block here is preceded by ${said}, which says nothing this test can follow. ` +
      "End the sentence before it with one of: Create `path`: / In `path`, after the line with `text`, add: / " +
      "At the end of `path`, add: / In `path`, replace `old` with: / In `path`, replace every `old` with: / …run:",
  );
}

/**
 * The recipes under the README's `## <sectionTitle>` heading, one per `###` heading, with their
 * steps in README order.
 */
export function readRecipes(readme: string, sectionTitle = "Recipes"): Recipe[] {
  const lines = readme.split("\n");
  const start = lines.findIndex((l) => l.trim() === `## ${sectionTitle}`);
  if (start === -1) throw new Error(`README.md has no "## ${sectionTitle}" section.`);
  const recipes: Recipe[] = [];
  let paragraph: string[] = [];
  let ended = false;
  for (let i = start + 1; i < lines.length; i++) {
    const text = lines[i]!;
    if (/^## /.test(text)) break;
    if (/^### /.test(text)) {
      recipes.push({ title: text.slice(4).trim(), line: i + 1, steps: [] });
      paragraph = [];
      continue;
    }
    const fence = text.match(/^(```+|~~~+)/);
    if (fence) {
      const close = lines.findIndex((l, j) => j > i && l.startsWith(fence[1]!));
      if (close === -1) throw new Error(`README.md:${i + 1}: this code block is never closed.`);
      const recipe = recipes.at(-1);
      if (recipe === undefined) throw new Error(`README.md:${i + 1}: a code block in "## ${sectionTitle}" before its first "###" recipe.`);
      const content = lines.slice(i + 1, close).join("\n");
      recipe.steps.push(instructionStep(paragraph.join("\n"), content, i + 1));
      paragraph = [];
      i = close;
      continue;
    }
    // The instruction is the last paragraph before a block: a blank line ends one, the next text starts another.
    if (text.trim() === "") ended = true;
    else if (ended) {
      paragraph = [text];
      ended = false;
    } else paragraph.push(text);
  }
  if (recipes.length === 0) throw new Error(`README.md's "## ${sectionTitle}" has no "###" recipe.`);
  return recipes;
}
