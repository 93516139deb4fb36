// Prints the one line CI ends with, `N passed, N failed`, counting every Vitest test and every
// Playwright test from their JSON reports. Usage: node .ci/summarize.mjs <exit code of npm test>
// A report that is missing (its step never ran) or unreadable is said on a line of its own; the
// exit code is non-zero when anything failed, including a step that produced no report.
import { existsSync, readFileSync } from "node:fs";

const testExitCode = Number(process.argv[2] ?? 0);
const reports = [
  { name: "Vitest", file: "test-results/vitest.json", count: countVitest },
  { name: "Playwright", file: "test-results/e2e.json", count: countPlaywright },
];

let passed = 0;
let failed = 0;
// A report missing even though npm test succeeded is a broken pipeline, not a pass.
let incomplete = false;
const notes = [];
for (const report of reports) {
  if (!existsSync(report.file)) {
    notes.push(`${report.name}: no report (${report.file}); the step did not run or stopped early.`);
    incomplete = true;
    continue;
  }
  try {
    const counts = report.count(JSON.parse(readFileSync(report.file, "utf8")));
    passed += counts.passed;
    failed += counts.failed;
    // Neither passed nor failed, so the line alone would hide them.
    if (counts.skipped) notes.push(`${report.name}: ${counts.skipped} skipped (test.skip, .todo or fixme); not counted.`);
    if (counts.flaky) notes.push(`${report.name}: ${counts.flaky} flaky (failed, then passed on retry); counted as passed.`);
  } catch (error) {
    notes.push(`${report.name}: ${report.file} is not a readable report (${error.message}).`);
    incomplete = true;
  }
}
if (testExitCode !== 0 && failed === 0) {
  notes.push(`npm test exited with ${testExitCode} outside the counted tests (typecheck, lint, codegen check or a test run that crashed): see the log above.`);
}
for (const note of notes) console.log(note);
console.log(`${passed} passed, ${failed} failed`);
process.exit(testExitCode !== 0 || failed > 0 || incomplete ? 1 : 0);

/** Vitest's JSON reporter (Jest-compatible): failed includes tests that errored. */
function countVitest(json) {
  return {
    passed: json.numPassedTests ?? 0,
    failed: (json.numFailedTests ?? 0) + suiteErrors(json),
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
  };
}

// A test file that fails to load has no tests to count, but it is a failure.
function suiteErrors(json) {
  return (json.testResults ?? []).filter((file) => file.status === "failed" && (file.assertionResults ?? []).length === 0).length;
}

/** Playwright's JSON reporter: a test that passed on retry ("flaky") passed; skipped tests are neither. */
function countPlaywright(json) {
  const stats = json.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + (json.errors?.length ?? 0),
    skipped: stats.skipped ?? 0,
    flaky: stats.flaky ?? 0,
  };
}
