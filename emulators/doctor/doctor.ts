import { evaluateAuthConfig, expectedConvexEnv, judgeAuthConfig } from "./auth-config.ts";
import { DEFAULT_HTTP_TIMEOUT_MS, type CheckResult } from "./check.ts";
import { checkCodegen } from "./codegen.ts";
import { checkEnvFile } from "./env-file.ts";
import { resolveTarget, type DoctorInputs, type Target } from "./inputs.ts";

export interface Section {
  name: string;
  checks: CheckResult[];
}

export interface DoctorReport {
  ok: boolean;
  mode: Target["mode"];
  target: Pick<Target, "appOrigin" | "clientId" | "redirectUri" | "authkitUrl" | "convexUrl">;
  sections: Section[];
}

export const DEFAULT_CLI_TIMEOUT_MS = 15_000;

/** Runs every check for the app described by `inputs`; never throws for a problem it can name. */
export async function runDoctor(inputs: DoctorInputs): Promise<DoctorReport> {
  const target = resolveTarget(inputs);
  const cliTimeoutMs = inputs.cliTimeoutMs ?? DEFAULT_CLI_TIMEOUT_MS;
  const sections: Section[] = [];

  const env = checkEnvFile(inputs, target);
  sections.push({ name: target.mode === "local" ? "Environment (local stack)" : "Environment (.env.local)", checks: env });
  const envUsable = !env.some((c) => c.status === "fail" && ["env.client-id", "env.authkit-host", "env.convex-url"].includes(c.id));

  const convexEnv = expectedConvexEnv(target);
  const [evaluated, codegen] = await Promise.all([
    envUsable ? evaluateAuthConfig(inputs.root, convexEnv, cliTimeoutMs) : undefined,
    checkCodegen(inputs.root, cliTimeoutMs),
  ]);
  sections.push({
    name: "Convex functions (offline)",
    checks: [...(evaluated ? [judgeAuthConfig(target, evaluated, convexEnv)] : []), codegen],
  });

  void (inputs.httpTimeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS);
  const ok = sections.every((s) => s.checks.every((c) => c.status !== "fail"));
  const { appOrigin, clientId, redirectUri, authkitUrl, convexUrl } = target;
  return { ok, mode: target.mode, target: { appOrigin, clientId, redirectUri, authkitUrl, convexUrl }, sections };
}
