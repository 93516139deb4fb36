import type { Value } from "convex/values";
import { udfTypeOf, type RegisteredFunction } from "./functions.ts";
import type { ConvexModules } from "./modules.ts";

const TYPE_NAMES = { query: "Query", mutation: "Mutation", action: "Action" } as const;

/**
 * The few `_system/...` functions the Convex CLI calls besides the user's own. Only
 * `_system/cli/modules:apiSpec` is served: `npx convex run` lists the available functions with
 * it when asked for one that does not exist.
 */
export async function runSystemFunction(modules: ConvexModules, udfPath: string): Promise<Value | undefined> {
  if (udfPath !== "_system/cli/modules:apiSpec") return undefined;
  const spec: Value[] = [];
  for (const modulePath of modules.entryPoints()) {
    let mod: Record<string, unknown> | null;
    try {
      mod = await modules.loadEntry(modulePath);
    } catch {
      continue;
    }
    if (mod === null) continue;
    for (const [name, value] of Object.entries(mod)) {
      const fn = (typeof value === "object" || typeof value === "function") && value !== null ? (value as RegisteredFunction) : null;
      const type = fn ? udfTypeOf(fn) : null;
      if (fn && type) {
        spec.push({ functionType: TYPE_NAMES[type], identifier: `${modulePath}.js:${name}`, visibility: { kind: fn.isPublic ? "public" : "internal" } });
      } else if (name === "default" && modulePath === "http") {
        spec.push({ functionType: "HttpAction" });
      }
    }
  }
  return spec;
}
