// Runs before `npm run dev` and `npm test` with plain Node, because without an install there is
// no tsx to run anything else. A fresh clone, or an install that is missing a package or predates
// package-lock.json (a pull that added or bumped one), is installed here with `npm ci` in one
// printed line instead of failing with "tsx: not found" or a module-resolution stack trace.
// `--for test` names `npm test` in its lines.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("..", import.meta.url);
const command = process.argv.includes("--for") ? `npm ${process.argv[process.argv.indexOf("--for") + 1]}` : "npm run dev";
const fail = (why) => {
  console.error(`${command}: ${why}`);
  process.exit(1);
};
const readJson = (p) => (existsSync(new URL(p, root)) ? JSON.parse(readFileSync(new URL(p, root), "utf8")) : undefined);

const pkg = readJson("package.json") ?? {};
const minimum = /^>=\s*(\d+)\.(\d+)/.exec(pkg.engines?.node ?? "");
const [major, minor] = process.versions.node.split(".").map(Number);
if (minimum && (major < Number(minimum[1]) || (major === Number(minimum[1]) && minor < Number(minimum[2])))) {
  fail(`Node ${process.versions.node} is too old: this project needs Node ${pkg.engines.node}. Install a newer Node, then \`npm ci\`.`);
}

/** Why the install is not the one package-lock.json describes, or null when it is. */
function installProblem() {
  const missing = ["node_modules/.bin/tsx", "node_modules/.bin/vite"].filter((p) => !existsSync(new URL(p, root)));
  if (missing.length) return `dependencies are not installed (${missing.join(", ")} missing)`;
  const locked = readJson("package-lock.json")?.packages ?? {};
  const stale = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).flatMap((name) => {
    const installed = readJson(`node_modules/${name}/package.json`)?.version;
    const wanted = locked[`node_modules/${name}`]?.version;
    if (!installed) return [`${name} missing`];
    return wanted && installed !== wanted ? [`${name} ${installed} installed, package-lock.json has ${wanted}`] : [];
  });
  if (!stale.length) return null;
  const shown = stale.length > 3 ? [...stale.slice(0, 3), `${stale.length - 3} more`] : stale;
  return `dependencies are out of date (${shown.join("; ")})`;
}

const problem = installProblem();
if (problem) {
  console.log(`${command}: ${problem}: running \`npm ci\` first.`);
  // The npm running this script (npm sets npm_execpath), else the one on PATH. Browsers come from
  // Debian, never from a download at install time.
  const npm = process.env.npm_execpath;
  const [file, args] = npm ? [process.execPath, [npm, "ci"]] : ["npm", ["ci"]];
  const run = spawnSync(file, [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: fileURLToPath(root),
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
  });
  if (run.error || run.status !== 0) {
    fail(`\`npm ci\` failed (${run.error ? run.error.message : `exit code ${run.status}`}; its errors are above): fix that, run \`npm ci\`, then \`${command}\` again.`);
  }
  const still = installProblem();
  if (still) fail(`${still} even after \`npm ci\`: check package-lock.json against package.json (\`npm install\` updates it).`);
}
