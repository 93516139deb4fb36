import type { IncomingMessage, ServerResponse } from "node:http";
import type { Backend } from "../backend.ts";
import type { TokenVerifier } from "../auth/verify.ts";
import { callerOf } from "../http/caller.ts";
import { HttpError, sendJson } from "../http/io.ts";
import { updateEnvironmentVariables } from "./env.ts";
import type { EnvStore } from "./env-store.ts";
import type { SnapshotExports } from "./export.ts";
import type { FunctionLogStream } from "./function-logs.ts";
import type { SnapshotImports } from "./import.ts";
import { runTestFunction } from "./inline-query.ts";
import type { PushCoordinator } from "./push/push.ts";
import { notSupported, refuseUnsupported } from "./unsupported.ts";

export interface DeploymentDeps {
  backend: Backend;
  verifier: TokenVerifier;
  adminKey: string;
  env: EnvStore;
  logs: FunctionLogStream;
  push: PushCoordinator;
  exports: SnapshotExports;
  imports: SnapshotImports;
  urls: () => { convexCloudUrl: string; convexSiteUrl: string };
}

/** Everything under these belongs to the deployment API the CLI drives with the admin key. */
const DEPLOYMENT_PATHS = /^\/api\/(v1\/|deploy2\/|get_config_hashes$|push_config$|update_environment_variables$|stream_function_logs$|run_test_function$|export\/|import(\/|$)|perform_import$|shapes2$)/;

/**
 * The routes `npx convex env`, `logs`, `run --inline-query`, `dev`/`deploy`, `export`/`import`
 * call. Returns false for a path that is not one of them, so the function-call API answers it.
 */
export async function handleDeploymentRoute(req: IncomingMessage, res: ServerResponse, url: URL, deps: DeploymentDeps): Promise<boolean> {
  const { pathname } = url;
  if (!DEPLOYMENT_PATHS.test(pathname)) return false;
  await requireAdmin(req, deps);
  refuseUnsupported(pathname);
  const route = `${req.method} ${pathname}`;
  switch (route) {
    case "POST /api/update_environment_variables":
      await updateEnvironmentVariables(req, res, deps.env);
      return true;
    case "GET /api/stream_function_logs":
      await deps.logs.handle(req, res, url);
      return true;
    case "POST /api/run_test_function":
      await runTestFunction(req, res, deps.backend);
      return true;
    case "POST /api/export/request/zip":
      await deps.exports.request(req, res, url);
      return true;
    case "GET /api/v1/get_canonical_urls":
      sendJson(res, 200, deps.urls());
      return true;
  }
  if (req.method === "POST" && (pathname.startsWith("/api/import/") || pathname === "/api/perform_import")) {
    await deps.imports.handle(req, res, url);
    return true;
  }
  if (req.method === "GET" && pathname.startsWith("/api/export/zip/")) {
    deps.exports.download(res, pathname);
    return true;
  }
  if (req.method === "POST" && (pathname.startsWith("/api/deploy2/") || pathname === "/api/get_config_hashes")) {
    await deps.push.handle(req, res, pathname);
    return true;
  }
  // Not a 404: the CLI retries those for half a minute before it says anything.
  throw notSupported(`The deployment route ${route}`, "the CLI command that calls it is not emulated");
}

async function requireAdmin(req: IncomingMessage, deps: DeploymentDeps): Promise<void> {
  const caller = await callerOf(req, deps.verifier, deps.adminKey);
  if (!caller.admin) {
    throw new HttpError(401, "MissingAdminKey", "This deployment route needs the admin key: send Authorization: Convex <admin key> (set CONVEX_SELF_HOSTED_ADMIN_KEY for the CLI)");
  }
}
