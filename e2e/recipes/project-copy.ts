import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * What `node_modules/` keeps per project rather than per install: TypeScript's build info, Vite's
 * and Vitest's caches. A copy gets its own, so it never writes into the original's.
 */
const PER_PROJECT = new Set([".tmp", ".vite", ".vite-temp", ".cache"]);

/**
 * A copy of the project at `root` in a temporary folder: the files git would commit (tracked and
 * untracked, not ignored, as they are on disk now: `.env.local`, `.local/` and builds stay out),
 * with `node_modules/` linked entry by entry to the original's, so nothing is installed again.
 */
export function copyProject(root: string, prefix = "recipes-"): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  for (const file of listed.split("\0")) {
    // Deleted but not yet committed: absent from the copy too. A worktree's node_modules may be a
    // symlink, which `node_modules/` in .gitignore does not match.
    if (file === "" || file === "node_modules" || !existsSync(path.join(root, file))) continue;
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(path.join(root, file), path.join(dir, file));
  }
  const modules = path.join(root, "node_modules");
  if (!existsSync(modules)) throw new Error(`${modules} is missing: run npm ci first.`);
  mkdirSync(path.join(dir, "node_modules"));
  for (const entry of readdirSync(modules)) {
    if (!PER_PROJECT.has(entry)) symlinkSync(path.join(modules, entry), path.join(dir, "node_modules", entry));
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
