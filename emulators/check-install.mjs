// Runs before `npm run dev` with plain Node, because without an install there is no tsx to run
// dev.ts: a fresh clone gets one line saying what to do instead of "tsx: not found", and an
// install that is missing a package or predates package-lock.json (a pull that added or bumped
// one) gets the same line instead of a module-resolution stack trace.
import { existsSync, readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const fail = (why) => {
  console.error(`npm run dev: ${why}`);
  process.exit(1);
};
const readJson = (p) => (existsSync(new URL(p, root)) ? JSON.parse(readFileSync(new URL(p, root), "utf8")) : undefined);

const pkg = readJson("package.json") ?? {};
const minimum = /^>=\s*(\d+)\.(\d+)/.exec(pkg.engines?.node ?? "");
const [major, minor] = process.versions.node.split(".").map(Number);
if (minimum && (major < Number(minimum[1]) || (major === Number(minimum[1]) && minor < Number(minimum[2])))) {
  fail(`Node ${process.versions.node} is too old: this project needs Node ${pkg.engines.node}. Install a newer Node, then \`npm ci\`.`);
}

const missing = ["node_modules/.bin/tsx", "node_modules/.bin/vite"].filter((p) => !existsSync(new URL(p, root)));
if (missing.length) {
  fail(`dependencies are not installed (${missing.join(", ")} missing): run \`npm ci\`, then \`npm run dev\`.`);
}

const locked = readJson("package-lock.json")?.packages ?? {};
const stale = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).flatMap((name) => {
  const installed = readJson(`node_modules/${name}/package.json`)?.version;
  const wanted = locked[`node_modules/${name}`]?.version;
  if (!installed) return [`${name} missing`];
  return wanted && installed !== wanted ? [`${name} ${installed} installed, package-lock.json has ${wanted}`] : [];
});
if (stale.length) {
  const shown = stale.length > 3 ? [...stale.slice(0, 3), `${stale.length - 3} more`] : stale;
  fail(`dependencies are out of date (${shown.join("; ")}): run \`npm ci\`, then \`npm run dev\`.`);
}
