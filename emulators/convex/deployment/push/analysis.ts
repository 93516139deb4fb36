import type { GenericSchema, SchemaDefinition } from "convex/server";
import { udfTypeOf, type RegisteredFunction } from "../../functions.ts";
import type { Provider } from "../../auth/config.ts";
import type { ModuleSource } from "../../modules.ts";

const UDF_TYPES = { query: "Query", mutation: "Mutation", action: "Action" } as const;

/**
 * Evaluates every pushed module as the backend does before accepting a push: a module that
 * throws while loading, or a schema that does not evaluate, refuses the push. Returns the
 * CLI's `analysis` for the root component (functions by module, the schema).
 */
export async function analyzePush(modules: ModuleSource): Promise<Record<string, unknown>> {
  const functions: Record<string, unknown> = {};
  for (const modulePath of modules.entryPoints()) {
    let mod: Record<string, unknown> | null;
    try {
      mod = await modules.loadEntry(modulePath);
    } catch (error) {
      throw new Error(`Failed to analyze ${modulePath}.js: Uncaught ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, { cause: error });
    }
    const analyzed = [];
    for (const [name, value] of Object.entries(mod ?? {})) {
      const fn = (typeof value === "object" || typeof value === "function") && value !== null ? (value as RegisteredFunction & { exportReturns?: () => string }) : null;
      const type = fn ? udfTypeOf(fn) : null;
      if (!fn || !type) continue;
      analyzed.push({
        name,
        pos: null,
        udfType: UDF_TYPES[type],
        visibility: { kind: fn.isPublic ? "public" : "internal" },
        args: fn.exportArgs?.() ?? null,
        returns: fn.exportReturns?.() ?? null,
      });
    }
    functions[`${modulePath}.js`] = { functions: analyzed, httpRoutes: null, cronSpecs: null, sourceMapped: null };
  }
  let schema: unknown = null;
  try {
    const definition = (await modules.loadOptional("schema"))?.default as SchemaDefinition<GenericSchema, boolean> | undefined;
    if (definition) schema = JSON.parse((definition as unknown as { export(): string }).export()) as unknown;
  } catch (error) {
    throw new Error(`Failed to analyze schema.js: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return {
    "": {
      definition: { path: "", definitionType: { type: "app" }, childComponents: [], httpMounts: {}, exports: { type: "branch", branch: [] } },
      schema,
      functions,
      udfConfig: { serverVersion: "1.48.0", importPhaseRngSeed: null, importPhaseUnixTimestamp: null },
    },
  };
}

/** `appAuth` in the push response: the providers as the backend reports them. */
export function authInfo(providers: Provider[]): Record<string, unknown>[] {
  return providers.map((p) =>
    p.type === "customJwt"
      ? { type: "customJwt", applicationID: p.applicationID ?? null, issuer: p.issuer, jwks: p.jwks, algorithm: p.algorithm }
      : { applicationID: p.applicationID, domain: p.domain },
  );
}

/** The root component as the CLI's `checkedComponent` describes it (no child components). */
export function checkedApp(): Record<string, unknown> {
  return { definitionPath: "", componentPath: "", args: {}, childComponents: {}, httpRoutes: { httpModuleRoutes: null, mounts: [] }, exports: {} };
}
