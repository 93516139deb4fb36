import { convexToJson, jsonToConvex, type Value, type ValidatorJSON } from "convex/values";
import type { ConvexModule, ModuleLoaders } from "../modules.ts";
import { compileCheck, type FastCheck } from "./compiled.ts";

/** convex-test's own check of a value against a validator, throwing its message (see internals.ts `validateValue`). */
export type SlowCheck = (validator: ValidatorJSON, value: Value) => void;

interface RegisteredFunction {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  _handler?: (...args: unknown[]) => unknown;
  exportArgs?: () => string;
  exportReturns?: () => string;
}

/**
 * The modules as convex-test is given them: every query checks its return value with a
 * validator compiled once per function (validation/compiled.ts) instead of convex-test's, which
 * walks the validator anew and builds an Error for every union member a value does not match
 * (a subscribed page of notes with nullable fields cost a fifth of the server's time under
 * load). convex-test sees such a query without a returns validator; the check runs at the end of
 * its handler, where convex-test's would run right after it, and a value the compiled check
 * does not accept goes to convex-test's own validation, so the outcome and the message are
 * convex-test's. Mutations and actions keep convex-test's check (theirs also resolves commit
 * placeholders, and their results are small). Every function's `exportArgs`/`exportReturns`
 * text is computed once instead of on every call. The functions themselves are not changed:
 * everything else (function spec, push analysis) sees their real validators.
 */
export function withCompiledQueryReturns(loaders: ModuleLoaders, slow: SlowCheck): ModuleLoaders {
  const generated = Object.keys(loaders).find((file) => file.includes("_generated"));
  // convex-test finds the functions' root the same way; without `_generated` it refuses to start anyway.
  const root = generated?.split("_generated", 2)[0] ?? "";
  const views = new WeakMap<ConvexModule, ConvexModule>();
  const wrapped: ModuleLoaders = {};
  for (const [file, load] of Object.entries(loaders)) {
    const modulePath = file.slice(root.length).replace(/\.[^.]+$/, "");
    wrapped[file] = async () => {
      const mod = await load();
      let view = views.get(mod);
      if (!view) views.set(mod, (view = moduleView(mod, modulePath, slow)));
      return view;
    };
  }
  return wrapped;
}

function moduleView(mod: ConvexModule, modulePath: string, slow: SlowCheck): ConvexModule {
  const view: ConvexModule = { ...mod };
  for (const [name, value] of Object.entries(mod)) {
    const fn = value as RegisteredFunction | null;
    if ((typeof fn !== "function" && typeof fn !== "object") || fn === null || typeof fn._handler !== "function") continue;
    if (fn.isQuery !== true && fn.isMutation !== true && fn.isAction !== true) continue;
    // Both are rebuilt as JSON text on every call otherwise; a function's definition does not change.
    const argsJson = fn.exportArgs?.() ?? JSON.stringify({ type: "any" });
    const returnsJson = fn.exportReturns?.() ?? "null";
    const returns = JSON.parse(returnsJson) as ValidatorJSON | null;
    const fixed = { exportArgs: { value: () => argsJson }, exportReturns: { value: () => returnsJson } };
    if (fn.isQuery !== true || returns === null) {
      view[name] = Object.create(fn, fixed) as unknown;
      continue;
    }
    const check: FastCheck = compileCheck(returns);
    const udfPath = `${modulePath}:${name}`;
    view[name] = Object.create(fn, {
      ...fixed,
      exportReturns: { value: () => "null" },
      _handler: {
        // `fn._handler` is read at each call: the result size guard (limits.ts) wraps it in place.
        value: async function (this: unknown, ...args: unknown[]) {
          const result = await fn._handler!.apply(this, args);
          if (!check(result ?? null)) {
            // As convex-test sees it: through the Convex value encoding the query's result takes next.
            const value = jsonToConvex(convexToJson((result ?? null) as Value));
            try {
              slow(returns, value);
            } catch (error) {
              throw new Error(`Return value validation failed for query "${udfPath}":\n${error instanceof Error ? error.message : String(error)}`);
            }
          }
          return result;
        },
      },
    }) as unknown;
  }
  return view;
}
