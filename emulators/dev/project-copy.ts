import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A throwaway copy of this project (its files as git sees them, committed or not, with the
 * repository's node_modules linked in), for tests that run `npm run dev` and edit `convex/` or
 * `.env.local` without touching the checkout.
 */
export function projectCopy(root: string): { root: string; remove(): void } {
  const copy = mkdtempSync(path.join(os.tmpdir(), "dev-project-"));
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter((file) => file !== "" && !file.startsWith("node_modules"));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    // A file deleted in the work tree but not yet in git's index has nothing to copy.
    try {
      cpSync(path.join(root, file), path.join(copy, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"));
  return { root: copy, remove: () => rmSync(copy, { recursive: true, force: true }) };
}
