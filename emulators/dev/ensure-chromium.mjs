// Runs before `npm test`'s browser tests: they use Debian's chromium, never a downloaded browser
// (e2e/support/chromium.ts), at $CHROMIUM_PATH or /usr/bin/chromium. When it is missing it is
// installed with apt-get if this runs as root on a machine that has apt-get; otherwise one line
// names the command to run. Plain Node, like check-install.mjs beside it.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const fail = (why) => {
  console.error(`npm test: ${why}`);
  process.exit(1);
};
const executable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const hasAptGet = spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
const isRoot = process.getuid?.() === 0;

if (!executable(chromium)) {
  const command = "apt-get update && apt-get install -y chromium";
  if (!hasAptGet || !isRoot) {
    const how = hasAptGet ? `\`sudo sh -c '${command}'\`` : "your system's chromium package";
    fail(`the browser tests need chromium at ${chromium}, which is missing: install it with ${how} (or set CHROMIUM_PATH to a chromium), then \`npm test\` again.`);
  }
  console.log(`npm test: chromium is missing at ${chromium}: installing Debian's (${command}).`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "chromium"]]) {
    const run = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
    if (run.status !== 0) fail(`\`apt-get ${args.join(" ")}\` failed (exit code ${run.status}; its errors are above): install chromium yourself, then \`npm test\` again.`);
  }
  if (!executable(chromium)) {
    fail(`apt-get installed chromium, but not at ${chromium}: set CHROMIUM_PATH to where it is (\`command -v chromium\`).`);
  }
}
