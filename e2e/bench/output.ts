import path from "node:path";

/**
 * Where `npm run bench` writes its build and its results: under `node_modules/.tmp/`, which
 * Vite's dev server does not watch. Under the project root it would not be: every HTML file the
 * bench's build writes there makes a running `npm run dev` log "page reload" (clearing its
 * terminal) and send open tabs a full-reload (`e2e/bench/output.test.ts` shows both).
 */
export function benchOutput(root: string): { dir: string; buildDir: string } {
  const dir = path.join(root, "node_modules", ".tmp", "bench");
  return { dir, buildDir: path.join(dir, "dist") };
}
