import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../dev/ports.ts";
import { startLocalStack, type LocalStack } from "../stack.ts";
import type { CheckResult } from "./check.ts";
import { checkDeployment, judgeDeploymentEnv, parseEnvList } from "./convex-deployment.ts";
import { runDoctor } from "./doctor.ts";
import { resolveTarget } from "./inputs.ts";
import { inputsFor } from "./testing/inputs.ts";
import { APP_ORIGIN, startTestStack, TEST_CLIENT_ID, type TestStack } from "./testing/stack.ts";
import { checkWorkOS } from "./workos.ts";

let stack: TestStack | undefined;
let localStack: LocalStack | undefined;
afterEach(async () => {
  await Promise.all([stack?.close(), localStack?.close()]);
  stack = undefined;
  localStack = undefined;
});

async function workos(env: Record<string, string>): Promise<Record<string, CheckResult>> {
  const checks = await checkWorkOS(resolveTarget(inputsFor(env)), 3000);
  return Object.fromEntries(checks.map((c) => [c.id, c]));
}

const failed = (checks: CheckResult[]) => checks.filter((c) => c.status === "fail").map((c) => c.id);

describe("the checks against the services", () => {
  it("all pass on a correct stack, and the report says so", async () => {
    stack = await startTestStack();
    const report = await runDoctor(inputsFor(stack.env, { cliTimeoutMs: 15_000, convexAdminKey: stack.convex.adminKey }));
    const checks = report.sections.flatMap((s) => s.checks);
    expect(failed(checks)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(checks.map((c) => c.id)).toEqual(expect.arrayContaining(["workos.jwks", "workos.cors", "workos.authorize", "workos.sign-in-endpoint", "convex.deployment"]));
    // The local Convex may not serve the CLI's env commands: then it says so, and only warns.
    const envChecks = checks.filter((c) => c.id.startsWith("convex.env"));
    expect(envChecks.length).toBeGreaterThan(0);
    for (const c of envChecks) if (c.status === "warn") expect(c.saw).toMatch(/cannot read the deployment's environment|WORKOS_API_KEY/);
  });

  it("find an app client ID that AuthKit does not know", async () => {
    stack = await startTestStack();
    const checks = await workos({ ...stack.env, VITE_WORKOS_CLIENT_ID: "client_01SOMEONEELSE" });
    expect(checks["workos.jwks"]).toMatchObject({ status: "fail", saw: expect.stringContaining("has no client client_01SOMEONEELSE") });
    expect(checks["workos.jwks"]?.fix).toContain("dashboard → API Keys");
  });

  it("find the app's origin missing from AuthKit's CORS origins", async () => {
    stack = await startTestStack({ authkit: { corsOrigins: ["http://localhost:5999"] } });
    const checks = await workos(stack.env);
    expect(failed(Object.values(checks))).toEqual(["workos.cors"]);
    expect(checks["workos.cors"]?.fix).toBe(`Add ${APP_ORIGIN} under Authentication → Sessions → Cross-Origin Resource Sharing (CORS) in the WorkOS dashboard.`);
  });

  it("find a redirect URI AuthKit has not registered", async () => {
    stack = await startTestStack({ authkit: { redirectUris: [`${APP_ORIGIN}/auth/callback`], corsOrigins: [APP_ORIGIN] } });
    const checks = await workos(stack.env);
    expect(failed(Object.values(checks))).toEqual(["workos.authorize"]);
    expect(checks["workos.authorize"]?.saw).toContain("is not registered");
    expect(checks["workos.authorize"]?.fix).toContain(`Add ${APP_ORIGIN}/callback under Redirects → Redirect URIs`);
  });

  it("find a sign-in endpoint that is not the app's /sign-in", async () => {
    stack = await startTestStack({ authkit: { signInEndpoint: "http://localhost:5174/sign-in" } });
    const checks = await workos(stack.env);
    expect(failed(Object.values(checks))).toEqual(["workos.sign-in-endpoint"]);
    expect(checks["workos.sign-in-endpoint"]?.saw).toContain("http://localhost:5174/sign-in, not http://localhost:5173/sign-in");
    expect(checks["workos.sign-in-endpoint"]?.fix).toBe(`Set Redirects → Sign-in endpoint to ${APP_ORIGIN}/sign-in in the WorkOS dashboard.`);
  });

  it("say when AuthKit does not answer, and check nothing else there", async () => {
    const port = await freePort();
    const checks = await workos({ VITE_WORKOS_CLIENT_ID: TEST_CLIENT_ID, VITE_WORKOS_REDIRECT_URI: `${APP_ORIGIN}/callback`, VITE_WORKOS_API_HOSTNAME: "localhost", VITE_WORKOS_API_PORT: String(port), VITE_WORKOS_API_HTTPS: "false", VITE_CONVEX_URL: "https://quiet-otter-42.convex.cloud" });
    expect(checks["workos.jwks"]).toMatchObject({ status: "fail", saw: `cannot reach http://localhost:${port}: nothing listens there (connection refused)` });
    expect(checks["workos.cors"]?.status).toBe("warn");
    expect(checks["workos.authorize"]?.status).toBe("warn");
  });

  it("find the local Convex started with another WORKOS_CLIENT_ID, where its environment can be read", async () => {
    stack = await startTestStack({ convexEnv: { WORKOS_CLIENT_ID: "client_01SOMEONEELSE" } });
    const report = await runDoctor(inputsFor(stack.env, { convexAdminKey: stack.convex.adminKey, cliTimeoutMs: 15_000 }));
    const checks = Object.fromEntries(report.sections.flatMap((s) => s.checks).map((c) => [c.id, c]));
    if (checks["convex.env"]) {
      // A local Convex without the CLI's env API: said, not guessed (the token check finds it instead).
      expect(checks["convex.env"]).toMatchObject({ status: "warn", saw: expect.stringContaining("cannot read the deployment's environment") });
    } else {
      expect(checks["convex.env.client-id"]).toMatchObject({ status: "fail", saw: expect.stringContaining("WORKOS_CLIENT_ID=client_01SOMEONEELSE") });
      expect(checks["convex.env.client-id"]?.fix).toContain(`--env WORKOS_CLIENT_ID=${TEST_CLIENT_ID}`);
    }
  });

  it("find a Convex URL nothing answers at", async () => {
    stack = await startTestStack();
    const port = await freePort();
    const { result, reachable } = await checkDeployment(resolveTarget(inputsFor({ ...stack.env, VITE_CONVEX_URL: `http://127.0.0.1:${port}` })), 3000);
    expect(reachable).toBe(false);
    expect(result).toMatchObject({ status: "fail", saw: `cannot reach http://127.0.0.1:${port}: nothing listens there (connection refused)` });
    expect(result.fix).toContain("VITE_CONVEX_URL");
  });

  it("with no .env.local and the local stack running, all pass", async () => {
    localStack = await startLocalStack({ authkitPort: 0, convexPort: 0, sitePort: 0, dataDir: null, watch: false, log: false });
    const local = { authkitUrl: localStack.authkit.url, convexUrl: localStack.convex.url };
    const report = await runDoctor(inputsFor(null, { local, convexAdminKey: localStack.convex.adminKey, cliTimeoutMs: 15_000 }));
    expect(report).toMatchObject({ ok: true, mode: "local", target: { clientId: "client_local", authkitUrl: local.authkitUrl } });
    expect(failed(report.sections.flatMap((s) => s.checks))).toEqual([]);
  });

  it("with no .env.local, check the local stack and say what is not running", async () => {
    const [authkitPort, convexPort] = [await freePort(), await freePort()];
    const report = await runDoctor(inputsFor(null, { local: { authkitUrl: `http://localhost:${authkitPort}`, convexUrl: `http://127.0.0.1:${convexPort}` } }));
    const checks = Object.fromEntries(report.sections.flatMap((s) => s.checks).map((c) => [c.id, c]));
    expect(report.ok).toBe(false);
    expect(checks["workos.jwks"]).toMatchObject({ status: "fail", saw: expect.stringContaining(`the local AuthKit is not running at http://localhost:${authkitPort}`), fix: expect.stringContaining("npm run dev") });
    expect(checks["convex.deployment"]).toMatchObject({ status: "fail", saw: expect.stringContaining(`the local Convex is not running at http://127.0.0.1:${convexPort}`), fix: expect.stringContaining("npm run dev") });
  });
});

describe("the Convex environment check", () => {
  const target = resolveTarget(inputsFor({ VITE_WORKOS_CLIENT_ID: TEST_CLIENT_ID, VITE_WORKOS_REDIRECT_URI: `${APP_ORIGIN}/callback`, VITE_WORKOS_API_HOSTNAME: "auth.example.com", VITE_CONVEX_URL: "https://quiet-otter-42.convex.cloud" }));

  it("reads the CLI's listing, quoted values included", () => {
    expect(parseEnvList('WORKOS_CLIENT_ID=client_1\nWORKOS_API_URL="https://auth.example.com"\nNOTE=\'a b\'\n')).toEqual({
      WORKOS_CLIENT_ID: "client_1",
      WORKOS_API_URL: "https://auth.example.com",
      NOTE: "a b",
    });
  });

  it("finds the wrong client ID in the deployment and gives the command that fixes it", () => {
    const [clientId] = judgeDeploymentEnv(target, { ok: true, vars: { WORKOS_CLIENT_ID: "client_01OTHER", WORKOS_API_URL: "https://auth.example.com" } });
    expect(clientId).toMatchObject({ id: "convex.env.client-id", status: "fail", fix: `npx convex env set WORKOS_CLIENT_ID ${TEST_CLIENT_ID}, then let npx convex dev push again.` });
  });

  it("finds WORKOS_API_URL missing with a custom auth domain", () => {
    const [, apiUrl] = judgeDeploymentEnv(target, { ok: true, vars: { WORKOS_CLIENT_ID: TEST_CLIENT_ID } });
    expect(apiUrl).toMatchObject({ id: "convex.env.api-url", status: "fail", fix: "npx convex env set WORKOS_API_URL https://auth.example.com, then let npx convex dev push again." });
  });

  it("warns, rather than fails, when the environment cannot be read", () => {
    expect(judgeDeploymentEnv(target, { ok: false, reason: "npx convex env list gave no answer within 10000 ms" })).toEqual([
      expect.objectContaining({ id: "convex.env", status: "warn", saw: expect.stringContaining("cannot read the deployment's environment") }),
    ]);
  });
});
