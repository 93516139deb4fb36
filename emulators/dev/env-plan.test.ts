import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DevProblem, planDev } from "./env-plan.ts";

const APP = "http://localhost:5173";
const REAL = [
  "VITE_WORKOS_CLIENT_ID=client_01HZREAL0000000000000000",
  "VITE_WORKOS_REDIRECT_URI=http://localhost:5173/callback",
  "VITE_CONVEX_URL=https://brave-otter-42.convex.cloud",
];

const dirs: string[] = [];
function repoWith(envLocal?: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "env-plan-"));
  dirs.push(dir);
  if (envLocal) writeFileSync(path.join(dir, ".env.local"), `${envLocal.join("\n")}\n`);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("what npm run dev runs, from .env.local", () => {
  it("uses the local stack when there is no .env.local", () => {
    expect(planDev(repoWith(), APP)).toEqual({ kind: "local", passThrough: {}, ignored: [] });
  });

  it("uses the local stack without a client ID or with the local one, saying which values it replaces", () => {
    expect(planDev(repoWith(["VITE_CONVEX_URL=https://x.convex.cloud"]), APP)).toMatchObject({ kind: "local", ignored: ["VITE_CONVEX_URL"] });
    expect(planDev(repoWith(["VITE_WORKOS_CLIENT_ID=client_local"]), APP)).toMatchObject({ kind: "local", ignored: [] });
  });

  it("passes VITE_WORKOS_DEV_MODE through to the local stack, to try cookie mode locally", () => {
    expect(planDev(repoWith(["VITE_WORKOS_DEV_MODE=false"]), APP)).toMatchObject({ passThrough: { VITE_WORKOS_DEV_MODE: "false" } });
  });

  it("runs against real WorkOS and Convex when .env.local has complete real values", () => {
    const plan = planDev(repoWith(REAL), APP);
    expect(plan.kind).toBe("real");
    expect(plan.kind === "real" && plan.env.VITE_CONVEX_URL).toBe("https://brave-otter-42.convex.cloud");
  });

  it("refuses .env.local.example copied as is, naming the placeholders", () => {
    const dir = repoWith();
    copyFileSync(path.join(import.meta.dirname, "../../.env.local.example"), path.join(dir, ".env.local"));
    expect(() => planDev(dir, APP)).toThrow(/placeholder values of \.env\.local\.example/);
  });

  it.each([
    [[REAL[0], "VITE_WORKOS_REDIRECT_URI=http://localhost:3000/callback", REAL[2]], /runs on http:\/\/localhost:5173: use http:\/\/localhost:5173\/callback/],
    [[REAL[0], REAL[2]], /VITE_WORKOS_REDIRECT_URI is missing/],
    [[REAL[0], REAL[1], "VITE_CONVEX_URL=brave-otter-42"], /VITE_CONVEX_URL is missing or not an http\(s\) URL/],
    [["VITE_WORKOS_CLIENT_ID=my-app", REAL[1], REAL[2]], /does not look like a WorkOS client ID/],
    [[...REAL, "VITE_WORKOS_API_HTTPS=yes"], /VITE_WORKOS_API_HTTPS is "yes"/],
    [[...REAL, "VITE_WORKOS_API_PORT=http"], /VITE_WORKOS_API_PORT is "http"/],
    [["VITE_WORKOS_DEV_MODE=maybe"], /VITE_WORKOS_DEV_MODE in \.env\.local is "maybe"/],
    // A secret is refused on the local stack too: Vite would still serve it to the page.
    [[...REAL, "VITE_WORKOS_API_KEY=anything"], /VITE_WORKOS_API_KEY in \.env\.local looks like a secret/],
    [[`VITE_TOKEN=sk_test_${"abcd".repeat(5)}`], /VITE_TOKEN in \.env\.local looks like a secret/],
  ])("explains a bad .env.local in one line: %j", (lines, message) => {
    const run = () => planDev(repoWith(lines), APP);
    expect(run).toThrow(DevProblem);
    expect(run).toThrow(message);
  });
});
