import type { CheckResult } from "./check.ts";
import type { DoctorReport } from "./doctor.ts";

const MARK: Record<CheckResult["status"], string> = { pass: "✔", fail: "✖", warn: "⚠" };

/** One line per check (mark, title, what was seen), and under every ✖ or ⚠ with one, its fix. */
export function formatReport(report: DoctorReport): string {
  const lines: string[] = [];
  for (const section of report.sections) {
    if (section.checks.length === 0) continue;
    lines.push(section.name);
    for (const check of section.checks) {
      lines.push(`  ${MARK[check.status]} ${check.title}: ${check.saw}`);
      if (check.fix && check.status !== "pass") lines.push(`      fix: ${check.fix}`);
    }
    lines.push("");
  }
  const all = report.sections.flatMap((s) => s.checks);
  const failed = all.filter((c) => c.status === "fail").length;
  const warned = all.filter((c) => c.status === "warn").length;
  lines.push(
    failed === 0
      ? `All ${all.length} checks passed${warned ? ` (${warned} with a warning)` : ""}.`
      : `${failed} of ${all.length} checks failed${warned ? `, ${warned} with a warning` : ""}: see the fixes above.`,
  );
  return lines.join("\n");
}

export function formatJson(report: DoctorReport): string {
  return JSON.stringify(report, null, 2);
}
