import { evaluateAuthConfig, expectedConvexEnv, judgeAuthConfig } from "./auth-config.ts";
import { DEFAULT_HTTP_TIMEOUT_MS, type CheckResult } from "./check.ts";
import { checkCodegen } from "./codegen.ts";
import { checkDeployment, judgeDeploymentEnv, readDeploymentEnv, type DeploymentEnv } from "./convex-deployment.ts";
import { checkEnvFile } from "./env-file.ts";
import { checkToken } from "./token.ts";
import { resolveTarget, type DoctorInputs, type Target } from "./inputs.ts";
import { checkWorkOS } from "./workos.ts";

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

/** For `npx convex env list`, which talks to the deployment (and on a local Convex without its env API, never answers). */
export const DEFAULT_CLI_TIMEOUT_MS = 10_000;
/** Evaluating auth.config.ts and generating code run on this machine only, but start a Node or the CLI. */
const LOCAL_WORK_TIMEOUT_MS = 60_000;

/** Runs every check for the app described by `inputs`; never throws for a problem it can name. */
export async function runDoctor(inputs: DoctorInputs): Promise<DoctorReport> {
  const target = resolveTarget(inputs);
  const cliTimeoutMs = inputs.cliTimeoutMs ?? DEFAULT_CLI_TIMEOUT_MS;
  const httpTimeoutMs = inputs.httpTimeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const sections: Section[] = [];

  const env = checkEnvFile(inputs, target);
  sections.push({ name: target.mode === "local" ? "Environment (local stack)" : "Environment (.env.local)", checks: env });
  const envUsable = !env.some((c) => c.status === "fail" && ["env.client-id", "env.authkit-host", "env.convex-url"].includes(c.id));

  const convexEnv = expectedConvexEnv(target);
  const [evaluated, codegen] = await Promise.all([
    envUsable ? evaluateAuthConfig(inputs.root, convexEnv, LOCAL_WORK_TIMEOUT_MS) : undefined,
    checkCodegen(inputs.root, LOCAL_WORK_TIMEOUT_MS),
  ]);
  sections.push({
    name: "Convex functions (offline)",
    checks: [...(evaluated ? [judgeAuthConfig(target, evaluated, convexEnv)] : []), codegen],
  });

  if (!envUsable) {
    // Without a usable client ID or URLs there is nothing to ask the services about.
    return finish(target, sections);
  }
  const [workos, deployment] = await Promise.all([checkWorkOS(target, httpTimeoutMs), checkDeployment(target, httpTimeoutMs)]);
  sections.push({ name: `WorkOS AuthKit (${target.authkitUrl})`, checks: workos });
  let deploymentEnv: DeploymentEnv | undefined;
  const convexChecks = [deployment.result];
  if (deployment.reachable) {
    deploymentEnv = await readDeploymentEnv(inputs.root, target, cliTimeoutMs);
    convexChecks.push(...judgeDeploymentEnv(target, deploymentEnv));
  }
  sections.push({ name: `Convex (${target.convexUrl})`, checks: convexChecks });

  if (inputs.token !== undefined) {
    // Judged against auth.config.ts as the deployment evaluates it when its variables are known.
    const deployed = deploymentEnv?.ok
      ? { WORKOS_CLIENT_ID: deploymentEnv.vars.WORKOS_CLIENT_ID ?? "", ...(deploymentEnv.vars.WORKOS_API_URL && { WORKOS_API_URL: deploymentEnv.vars.WORKOS_API_URL }) }
      : undefined;
    const providers = deployed ? await evaluateAuthConfig(inputs.root, deployed, LOCAL_WORK_TIMEOUT_MS) : evaluated;
    sections.push({
      name: "Access token (--token)",
      checks: await checkToken(inputs.token, {
        target,
        providers: providers?.ok ? providers.providers : [],
        providersFrom: deployed ? "the deployment's environment" : "the app's client ID and AuthKit host",
        convexReachable: deployment.reachable,
        timeoutMs: httpTimeoutMs,
      }),
    });
  }
  return finish(target, sections);
}

function finish(target: Target, sections: Section[]): DoctorReport {
  const ok = sections.every((s) => s.checks.every((c) => c.status !== "fail"));
  const { appOrigin, clientId, redirectUri, authkitUrl, convexUrl } = target;
  return { ok, mode: target.mode, target: { appOrigin, clientId, redirectUri, authkitUrl, convexUrl }, sections };
}
