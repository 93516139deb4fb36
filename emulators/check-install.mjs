// Runs before `npm run dev` with plain Node, because without an install there is no tsx to run
// dev.ts: a fresh clone gets one line saying what to do instead of "tsx: not found".
import { existsSync } from "node:fs";

const root = new URL("..", import.meta.url);
const missing = ["node_modules/.bin/tsx", "node_modules/.bin/vite"].filter((p) => !existsSync(new URL(p, root)));
if (missing.length) {
  console.error(`npm run dev: dependencies are not installed (${missing.join(", ")} missing): run \`npm ci\`, then \`npm run dev\`.`);
  process.exit(1);
}
