import { execFile } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyOfRepo, REPO_ROOT } from "./testing/inputs.ts";

let copy: ReturnType<typeof copyOfRepo> | undefined;
afterEach(() => {
  copy?.remove();
  copy = undefined;
});

function doctor(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "emulators/doctor/cli.ts"), ...args], { cwd: REPO_ROOT }, (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

/** A repository copy whose .env.local is broken before any service would be asked. */
function brokenRepo(): string {
  copy = copyOfRepo();
  cpSync(path.join(REPO_ROOT, "vite.config.ts"), path.join(copy.root, "vite.config.ts"));
  mkdirSync(path.join(copy.root, "src", "config"), { recursive: true });
  cpSync(path.join(REPO_ROOT, "src/config/secret-env.ts"), path.join(copy.root, "src/config/secret-env.ts"));
  writeFileSync(path.join(copy.root, ".env.local"), "VITE_WORKOS_CLIENT_ID=my-app\nVITE_WORKOS_REDIRECT_URI=http://localhost:5173/callback\nVITE_CONVEX_URL=https://quiet-otter-42.convex.cloud\n");
  return copy.root;
}

describe("npm run doctor", () => {
  it("prints one line per check, the fix under each failure, and exits 1", async () => {
    const { code, stdout } = await doctor(["--root", brokenRepo()]);
    expect(code).toBe(1);
    expect(stdout).toContain('  ✖ WorkOS client ID: VITE_WORKOS_CLIENT_ID: "my-app" does not look like a WorkOS client ID (they start with client_).');
    expect(stdout).toMatch(/\n {6}fix: Copy the Client ID from the WorkOS dashboard → API Keys/);
    expect(stdout).toContain("  ✔ Vite keeps the app on one port: vite.config.ts: port 5173, strictPort");
    expect(stdout).toMatch(/checks failed/);
  });

  it("--json gives the same report as JSON", async () => {
    const { code, stdout } = await doctor(["--root", brokenRepo(), "--json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { ok: boolean; sections: { checks: { id: string; status: string }[] }[] };
    expect(report.ok).toBe(false);
    expect(report.sections.flatMap((s) => s.checks)).toContainEqual(expect.objectContaining({ id: "env.client-id", status: "fail" }));
  });

  it("says --sign-in is not available and how to pass a token instead", async () => {
    const { code } = await doctor(["--sign-in"]);
    expect(code).toBe(2);
  });
});
