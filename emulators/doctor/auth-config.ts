import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { normalizeIssuer } from "../convex/auth/config.ts";
import { fail, pass, warn, type CheckResult } from "./check.ts";
import { WORKOS_API, type Target } from "./inputs.ts";

export interface JwtProvider {
  issuer: string;
  jwks: string;
  applicationID?: string;
}

export type Evaluated = { ok: true; providers: JwtProvider[] } | { ok: false; error: string };

// Printed by the child: the providers as JSON, or the error auth.config.ts threw.
const EVALUATE = `
const file = process.env.DOCTOR_AUTH_CONFIG;
try {
  const mod = await import(file);
  process.stdout.write(JSON.stringify({ ok: true, config: mod.default ?? null }));
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) }));
}`;

/**
 * Evaluates convex/auth.config.ts with exactly `env` as its process.env, as Convex does on a
 * push. It runs in a child process: the file reads process.env at import time, and changing this
 * process's environment would change it for everything else running here.
 */
export function evaluateAuthConfig(root: string, env: Record<string, string>, timeoutMs: number): Promise<Evaluated> {
  const file = path.join(root, "convex", "auth.config.ts");
  if (!existsSync(file)) return Promise.resolve({ ok: false, error: "convex/auth.config.ts does not exist" });
  const tsx = import.meta.resolve("tsx");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", tsx, "--input-type=module", "--eval", EVALUATE],
      { cwd: root, env: { PATH: process.env.PATH ?? "", ...env, DOCTOR_AUTH_CONFIG: file }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        if (error && stdout === "") {
          resolve({ ok: false, error: error.killed ? `evaluating it took longer than ${timeoutMs} ms` : stderr.trim() || error.message });
          return;
        }
        try {
          const answer = JSON.parse(stdout) as { ok: true; config: unknown } | { ok: false; error: string };
          resolve(answer.ok ? providersOf(answer.config) : answer);
        } catch {
          resolve({ ok: false, error: `unexpected output: ${stdout.slice(0, 200)}` });
        }
      },
    );
  });
}

function providersOf(config: unknown): Evaluated {
  const providers = (config as { providers?: unknown } | null)?.providers;
  if (!Array.isArray(providers)) return { ok: false, error: "its default export has no providers array" };
  const jwt = providers.filter((p): p is JwtProvider => typeof p?.issuer === "string" && typeof p?.jwks === "string");
  return { ok: true, providers: jwt };
}

/** The Convex environment convex/auth.config.ts should be evaluated with for this app. */
export function expectedConvexEnv(target: Target): Record<string, string> {
  return {
    WORKOS_CLIENT_ID: target.clientId,
    ...(target.authkitUrl !== WORKOS_API && { WORKOS_API_URL: target.authkitUrl }),
  };
}

/** The issuers AuthKit signs with: default access tokens, and tokens shaped by a JWT template. */
export function authkitIssuers(target: Target) {
  return {
    defaultTokens: `${target.authkitUrl}/user_management/${target.clientId}`,
    templateTokens: `${target.authkitUrl}/`,
    jwks: `${target.authkitUrl}/sso/jwks/${target.clientId}`,
  };
}

export function sameIssuer(a: string, b: string): boolean {
  return normalizeIssuer(a) === normalizeIssuer(b);
}

/**
 * convex/auth.config.ts, evaluated with the Convex environment this app needs, trusts the
 * issuers and JWKS of the AuthKit host the app signs in with.
 */
export function judgeAuthConfig(target: Target, evaluated: Evaluated, env: Record<string, string>): CheckResult {
  const id = "convex.auth-config";
  const title = "convex/auth.config.ts trusts the app's AuthKit";
  const shown = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(" ");
  if (!evaluated.ok) {
    return fail(id, title, `evaluated with ${shown}, it failed: ${evaluated.error}`, "Fix convex/auth.config.ts so it evaluates with these variables (npx convex dev shows the same error when it pushes).");
  }
  const expected = authkitIssuers(target);
  const forDefault = evaluated.providers.find((p) => sameIssuer(p.issuer, expected.defaultTokens));
  const forTemplate = evaluated.providers.find((p) => sameIssuer(p.issuer, expected.templateTokens));
  const listed = evaluated.providers.map((p) => p.issuer).join(", ") || "no customJwt provider";
  if (!forDefault && !forTemplate) {
    return fail(
      id,
      title,
      `with ${shown} its issuers are ${listed}, but AuthKit at ${target.authkitUrl} issues ${expected.defaultTokens} (and ${expected.templateTokens} with a JWT template)`,
      `Build the issuers from WORKOS_API_URL as this repository's convex/auth.config.ts does (\`\${WORKOS_API_URL}/user_management/\${WORKOS_CLIENT_ID}\`), then push it with npx convex dev.`,
    );
  }
  const wrongJwks = [forDefault, forTemplate].find((p) => p !== undefined && p.jwks !== expected.jwks);
  if (wrongJwks) {
    return fail(id, title, `the provider for ${wrongJwks.issuer} reads its keys from ${wrongJwks.jwks}, not ${expected.jwks}`, `Set its jwks to \`\${WORKOS_API_URL}/sso/jwks/\${WORKOS_CLIENT_ID}\` (${expected.jwks}) and push with npx convex dev.`);
  }
  if (!forDefault) {
    return warn(id, title, `it trusts only JWT-template tokens (${expected.templateTokens}, aud ${target.clientId})`, `Tokens without the JWT template {"aud": "${target.clientId}"} are refused: add a provider for ${expected.defaultTokens} without applicationID, or keep the template in WorkOS → Authentication → Sessions.`);
  }
  if (forDefault.applicationID !== undefined) {
    return warn(
      id,
      title,
      `the provider for ${expected.defaultTokens} requires aud = ${forDefault.applicationID}, which AuthKit's default tokens do not carry`,
      `Add the JWT template {"aud": "${target.clientId}"} in WorkOS → Authentication → Sessions, or remove applicationID from that provider (npm run doctor -- --token <access token> tells which applies).`,
    );
  }
  return pass(id, title, `with ${shown}: issuers ${listed}; keys from ${expected.jwks}`);
}
