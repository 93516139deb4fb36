import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fail, pass, probe, warn, type CheckResult } from "./check.ts";
import { WORKOS_API, type Target } from "./inputs.ts";
import { unreachable } from "./workos.ts";

export type DeploymentEnv = { ok: true; vars: Record<string, string> } | { ok: false; reason: string };

/** The Convex deployment answers at VITE_CONVEX_URL. */
export async function checkDeployment(target: Target, timeoutMs: number): Promise<{ reachable: boolean; result: CheckResult }> {
  const id = "convex.deployment";
  const title = "The Convex deployment answers";
  const answer = await probe(`${target.convexUrl}/instance_name`, {}, timeoutMs);
  if (!answer.ok) {
    const fix =
      target.mode === "local"
        ? "Start the local stack with npm run dev, then run the doctor again."
        : "Check VITE_CONVEX_URL (npx convex dev prints it) and your network; the app cannot reach it either.";
    return { reachable: false, result: fail(id, title, unreachable(target, "convex", target.convexUrl, answer.reason), fix) };
  }
  const text = (await answer.response.text()).trim();
  if (answer.response.status === 200) return { reachable: true, result: pass(id, title, `${target.convexUrl}: deployment ${text.slice(0, 80)}`) };
  return {
    reachable: true,
    result: fail(
      id,
      title,
      `${target.convexUrl}/instance_name answered ${answer.response.status}: no Convex deployment there`,
      "Set VITE_CONVEX_URL to the deployment URL npx convex dev prints (https://<name>.convex.cloud).",
    ),
  };
}

/**
 * The deployment's environment variables, read as `npx convex env list` reads them: with the
 * developer's own Convex login and CONVEX_DEPLOYMENT, or the self-hosted URL and admin key for
 * the local Convex. Any failure, including no answer in time, is a reason, never an exception.
 */
export function readDeploymentEnv(root: string, target: Target, timeoutMs: number): Promise<DeploymentEnv> {
  const bin = path.join(root, "node_modules", ".bin", "convex");
  if (!existsSync(bin)) return Promise.resolve({ ok: false, reason: "node_modules/.bin/convex is missing (run npm ci)" });
  // CI=1: the CLI must fail rather than prompt for a login or a deployment.
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1" };
  if (target.selfHosted) {
    if (!target.selfHosted.adminKey) return Promise.resolve({ ok: false, reason: "no admin key for the local Convex (.local/convex/admin-key is written when it first starts)" });
    delete env.CONVEX_DEPLOYMENT;
    env.CONVEX_SELF_HOSTED_URL = target.selfHosted.url;
    env.CONVEX_SELF_HOSTED_ADMIN_KEY = target.selfHosted.adminKey;
  }
  return new Promise((resolve) => {
    execFile(bin, ["env", "list", "--include-values"], { cwd: root, env, timeout: timeoutMs, killSignal: "SIGKILL" }, (error, stdout, stderr) => {
      if (error) {
        const said = cliMessage(stderr || stdout);
        resolve({ ok: false, reason: error.killed ? `npx convex env list gave no answer within ${timeoutMs} ms` : `npx convex env list failed: ${said || error.message}` });
        return;
      }
      resolve({ ok: true, vars: parseEnvList(stdout) });
    });
  });
}

/** The CLI's own words from its output: its ✖ line, or the error line above a stack trace. */
function cliMessage(output: string): string {
  const lines = output.split("\n").map((line) => line.trim()).filter((line) => line !== "" && !/^(at |Node\.js v|\^|file:\/\/|node:)/.test(line));
  const marked = lines.find((line) => line.startsWith("✖"));
  const line = marked ?? lines.find((l) => /error/i.test(l)) ?? lines[0] ?? "";
  return line.replace(/^✖\s*/, "").replace(/^Error:\s*/, "").replace(/^\[CONVEX [^\]]*\]\s*/, "").slice(0, 300);
}

/** `NAME=value` lines as the CLI prints them (values quoted as in a .env file when they need it). */
export function parseEnvList(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (!match) continue;
    let value = match[2]!;
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = JSON.parse(value) as string;
    else if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1);
    vars[match[1]!] = value;
  }
  return vars;
}

/** What convex/auth.config.ts reads in the deployment, against what this app signs in with. */
export function judgeDeploymentEnv(target: Target, env: DeploymentEnv): CheckResult[] {
  if (!env.ok) {
    return [
      warn(
        "convex.env",
        "The deployment's environment",
        `cannot read the deployment's environment: ${env.reason}`,
        target.mode === "local"
          ? "npm run dev sets WORKOS_CLIENT_ID and WORKOS_API_URL in the local Convex itself; pass --token to check that it accepts this AuthKit's tokens."
          : target.selfHosted
            ? "The local Convex takes them from its --env flags; pass --token to check that it accepts this AuthKit's tokens."
            : "Run npx convex env list yourself (it needs npx convex login and CONVEX_DEPLOYMENT in .env.local), or pass --token to check that Convex accepts a token.",
      ),
    ];
  }
  const results: CheckResult[] = [];
  const clientId = env.vars.WORKOS_CLIENT_ID;
  const title = "Convex's WORKOS_CLIENT_ID is the app's client ID";
  results.push(
    clientId === target.clientId
      ? pass("convex.env.client-id", title, `WORKOS_CLIENT_ID=${clientId}`)
      : fail(
          "convex.env.client-id",
          title,
          clientId === undefined
            ? "WORKOS_CLIENT_ID is not set, so auth.config.ts cannot be pushed"
            : `WORKOS_CLIENT_ID=${clientId}, but the app signs in with ${target.clientId}, so Convex refuses every token`,
          setConvexEnv(target, "WORKOS_CLIENT_ID", target.clientId),
        ),
  );
  const expected = target.authkitUrl === WORKOS_API ? undefined : target.authkitUrl;
  const actual = env.vars.WORKOS_API_URL?.replace(/\/+$/, "") || undefined;
  const apiTitle = "Convex's WORKOS_API_URL is the app's AuthKit host";
  const sameAsDefault = expected === undefined && (actual === undefined || actual === WORKOS_API);
  results.push(
    sameAsDefault || actual === expected
      ? pass("convex.env.api-url", apiTitle, actual === undefined ? `unset (${WORKOS_API}), as the app uses` : `WORKOS_API_URL=${actual}`)
      : fail(
          "convex.env.api-url",
          apiTitle,
          `WORKOS_API_URL is ${actual ?? `unset (${WORKOS_API})`}, but the app signs in at ${target.authkitUrl}, so the tokens' issuer is not the one Convex trusts`,
          expected === undefined && !target.selfHosted
            ? "npx convex env remove WORKOS_API_URL (or set VITE_WORKOS_API_HOSTNAME to that host), then let npx convex dev push again."
            : setConvexEnv(target, "WORKOS_API_URL", expected ?? target.authkitUrl),
        ),
  );
  results.push(
    env.vars.WORKOS_API_KEY
      ? pass("convex.env.api-key", "Convex can read organization names", "WORKOS_API_KEY is set")
      : warn(
          "convex.env.api-key",
          "Convex can read organization names",
          "WORKOS_API_KEY is not set: organizations show as IDs (org_…) instead of names",
          "Optional: npx convex env set WORKOS_API_KEY sk_… (the API key of the same WorkOS environment; never in a VITE_ variable).",
        ),
  );
  return results;
}

/** How to give the deployment a variable: the CLI for Convex, the start flags for a local one. */
export function setConvexEnv(target: Target, name: string, value: string): string {
  if (target.mode === "local") return `Restart npm run dev: it starts the local Convex with ${name}=${value}.`;
  if (target.selfHosted) return `Start the local Convex with --env ${name}=${value} (npm run convex:local -- --env ${name}=${value}).`;
  return `npx convex env set ${name} ${value}, then let npx convex dev push again.`;
}
