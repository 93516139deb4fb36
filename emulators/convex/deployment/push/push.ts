import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { loadProviders } from "../../auth/config.ts";
import type { Backend } from "../../backend.ts";
import { HttpError, readBody, sendJson } from "../../http/io.ts";
import { routineLog } from "../../logs.ts";
import type { Rejection } from "../../runtime.ts";
import type { EnvStore } from "../env-store.ts";
import { notSupported } from "../unsupported.ts";
import { analyzePush, authInfo, checkedApp } from "./analysis.ts";
import { bundleHash, PushedModules, type Bundle } from "./pushed-modules.ts";

/** What the CLI sends to start_push / evaluate_push (`startPushRequest` in its deploy API). */
interface StartPushRequest {
  dryRun?: boolean;
  functions?: string;
  appDefinition?: {
    definition: Bundle | null;
    dependencies?: string[];
    schema: Bundle | null;
    changedModules: Bundle[];
    unchangedModuleHashes: { path: string; environment: string; sha256: string }[];
  };
  componentDefinitions?: unknown[];
  nodeDependencies?: { name: string; version: string }[];
}

interface PendingPush {
  modules: PushedModules;
  entryPoints: string[];
}

/**
 * The push protocol of `npx convex dev` / `npx convex deploy` (convex 1.48.0):
 * `get_config_hashes` (what is deployed), `start_push` (upload and evaluate the bundles),
 * `wait_for_schema` (do the documents fit the new schema), `finish_push` (switch to the code).
 * A push that fails any step changes nothing: the previous code keeps serving.
 * Pushed code lives until the server stops; at the next start it serves its convex folder again.
 */
export class PushCoordinator {
  private readonly root: string;
  private deployed: PushedModules | null = null;
  private pending = new Map<string, PendingPush>();
  private nextId = 1;
  private functionsDir = "convex/";

  constructor(
    private readonly backend: Backend,
    private readonly env: EnvStore,
    dataDir: string | null,
  ) {
    // Earlier runs' pushes are not served again, so their folders are stale.
    if (dataDir !== null) rmSync(path.join(dataDir, "pushed"), { recursive: true, force: true });
    this.root = dataDir === null ? mkdtempSync(path.join(tmpdir(), "local-convex-pushed-")) : path.join(dataDir, "pushed");
  }

  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    switch (pathname) {
      case "/api/get_config_hashes":
        await readBody(req);
        return sendJson(res, 200, this.configHashes());
      case "/api/deploy2/evaluate_push": {
        const pending = await this.prepare(await readPushBody(req));
        await pending.modules.close();
        return sendJson(res, 200, { schemaChange: schemaChange(null) });
      }
      case "/api/deploy2/start_push":
        return sendJson(res, 200, await this.startPush(await readPushBody(req)));
      case "/api/deploy2/wait_for_schema":
        return sendJson(res, 200, await this.waitForSchema((await readPushBody(req)) as { schemaChange?: { schemaIds?: unknown } }));
      case "/api/deploy2/finish_push":
        return sendJson(res, 200, await this.finishPush((await readPushBody(req)) as { dryRun?: boolean; startPush?: { schemaChange?: { schemaIds?: unknown } } }));
      case "/api/deploy2/report_push_completed":
        await readBody(req);
        return sendJson(res, 200, {});
      case "/api/deploy2/evaluate_schema":
        // The CLI calls this for advisory checks only and skips them on a refusal.
        await readBody(req);
        throw notSupported("Schema evaluation for the push checks", "the push itself still checks the schema against the documents");
    }
    throw notSupported(`The push route ${pathname}`, "the CLI version that calls it is newer than the local Convex emulates (convex 1.48.0)");
  }

  async close(): Promise<void> {
    for (const pending of this.pending.values()) await pending.modules.close();
    this.pending.clear();
    rmSync(this.root, { recursive: true, force: true });
  }

  private configHashes(): Record<string, unknown> {
    const moduleHashes = (this.deployed?.bundles ?? []).map((b) => ({ path: b.path, environment: b.environment, hash: bundleHash(b) }));
    return { config: { functions: this.functionsDir, authInfo: [] }, moduleHashes };
  }

  private async startPush(request: StartPushRequest): Promise<Record<string, unknown>> {
    const id = String(this.nextId++);
    const pending = await this.prepare(request);
    const providers = await loadProviders(pending.modules).catch((error: unknown) => {
      void pending.modules.close();
      throw new HttpError(400, "AuthConfigInvalid", `Invalid auth.config.js: ${error instanceof Error ? error.message : String(error)}`);
    });
    let analysis: Record<string, unknown>;
    try {
      analysis = await analyzePush(pending.modules);
    } catch (error) {
      await pending.modules.close();
      throw new HttpError(400, "InvalidModules", `Loading the pushed modules encountered the following error:\n${error instanceof Error ? error.message : String(error)}`);
    }
    this.pending.set(id, pending);
    if (request.functions) this.functionsDir = request.functions;
    return {
      environmentVariables: this.env.toRecord(),
      externalDepsId: null,
      componentDefinitionPackages: {},
      appAuth: authInfo(providers),
      analysis,
      app: checkedApp(),
      schemaChange: schemaChange(id),
    };
  }

  /** Assembles and writes the pushed bundles (changed ones from the request, unchanged ones from the deployed code). */
  private async prepare(request: StartPushRequest): Promise<PendingPush> {
    const app = request.appDefinition;
    if (!app || !Array.isArray(app.changedModules)) throw new HttpError(400, "BadPushRequest", "The push has no appDefinition.changedModules: push with the Convex CLI (npx convex dev / deploy)");
    // The CLI sends a generated convex.config.js for an app without one; only child components are refused.
    if ((app.dependencies ?? []).length > 0 || (request.componentDefinitions ?? []).length > 0) {
      throw notSupported("Components (convex.config.ts)", "remove convex.config.ts to push to the local Convex");
    }
    if ((request.nodeDependencies ?? []).length > 0) {
      throw notSupported(`External packages for Node actions (${request.nodeDependencies!.map((d) => d.name).join(", ")})`, "let the CLI bundle them (remove them from node.externalPackages in convex.json)");
    }
    const deployed = new Map((this.deployed?.bundles ?? []).map((b) => [b.path, b]));
    const bundles: Bundle[] = [...app.changedModules];
    for (const unchanged of app.unchangedModuleHashes ?? []) {
      const bundle = deployed.get(unchanged.path);
      if (!bundle || bundleHash(bundle) !== unchanged.sha256) {
        throw new HttpError(400, "ModuleNotFound", `The push refers to ${unchanged.path} by hash, but the deployed code has no such module: push again (npx convex dev --once)`);
      }
      bundles.push(bundle);
    }
    routineLog(`push: ${app.changedModules.length} changed module(s), ${bundles.length - app.changedModules.length} unchanged`);
    const folder = path.join(this.root, `push-${this.nextId++}`);
    const modules = new PushedModules(folder, bundles, app.schema);
    return { modules, entryPoints: modules.entryPoints() };
  }

  private async waitForSchema(body: { schemaChange?: { schemaIds?: unknown } }): Promise<Record<string, unknown>> {
    const pending = this.pendingFor(body.schemaChange?.schemaIds);
    const rejected = await this.backend.checkSchema(pending.modules);
    if (rejected.length === 0) return { type: "complete" };
    return { type: "failed", error: describeRejection(rejected), componentPath: "", tableName: rejected[0]!.table };
  }

  private async finishPush(body: { dryRun?: boolean; startPush?: { schemaChange?: { schemaIds?: unknown } } }): Promise<Record<string, unknown>> {
    const id = String(body.startPush?.schemaChange?.schemaIds ?? "");
    const pending = this.pendingFor(id);
    this.pending.delete(id);
    const before = new Set(this.backend.modules.entryPoints());
    if (body.dryRun) {
      await pending.modules.close();
    } else {
      const rejected = await this.backend.deploy(pending.modules);
      if (rejected.length > 0) {
        await pending.modules.close();
        throw new HttpError(400, "SchemaValidationFailed", `Schema validation failed: ${describeRejection(rejected)}`);
      }
      const previous = this.deployed;
      this.deployed = pending.modules;
      await previous?.close();
      routineLog(`push: ${pending.entryPoints.length} module(s) deployed`);
    }
    const after = new Set(pending.entryPoints);
    return {
      authDiff: { added: [], removed: [] },
      definitionDiffs: {},
      componentDiffs: {
        "": {
          diffType: { type: "modify" },
          moduleDiff: { added: [...after].filter((m) => !before.has(m)).map((m) => `${m}.js`), removed: [...before].filter((m) => !after.has(m)).map((m) => `${m}.js`) },
          udfConfigDiff: null,
          cronDiff: { added: [], updated: [], deleted: [] },
          indexDiff: { added_indexes: [], removed_indexes: [] },
          schemaDiff: null,
        },
      },
    };
  }

  private pendingFor(id: unknown): PendingPush {
    const pending = this.pending.get(String(id ?? ""));
    if (!pending) throw new HttpError(400, "PushNotFound", "This push is unknown to the local Convex (it restarted, or the push finished already): push again");
    return pending;
  }
}

function schemaChange(id: string | null): Record<string, unknown> {
  return { allocatedComponentIds: null, schemaIds: id, indexDiffs: {} };
}

/** Convex's wording for a document that does not fit the pushed schema. */
function describeRejection(rejected: Rejection[]): string {
  const first = rejected[0]!;
  const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more document(s))` : "";
  return `Document with ID "${first.id}" in table "${first.table}" does not match the schema: ${first.reason}${more}`;
}

/** Push bodies are JSON, brotli-compressed by the CLI (`Content-Encoding: br`). */
async function readPushBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req);
  const encoding = req.headers["content-encoding"];
  let text: string;
  try {
    text = (encoding === "br" ? brotliDecompressSync(raw) : encoding === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
  } catch (error) {
    throw new HttpError(400, "BadPushRequest", `Could not decompress the ${String(encoding)} request body: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new HttpError(400, "BadJsonBody", "The push request body must be JSON (as the Convex CLI sends it)");
  }
}
