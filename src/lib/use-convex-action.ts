import { useConvex } from "convex/react";
import { getFunctionName, type FunctionArgs, type FunctionReference, type FunctionReturnType } from "convex/server";
import { useCallback } from "react";

/**
 * `useAction` from `convex/react`, built on the client the app already holds: calling the
 * client's `action()` directly keeps convex/react's own hook (and its error strings) out of the
 * first page's download, which is at its budget (README, "Bundle budget"). Same contract: one
 * stable function per action (by name: `api.x.y` is a new reference on every render) that
 * resolves to its result or rejects with its error.
 */
export function useConvexAction<A extends FunctionReference<"action">>(action: A) {
  const convex = useConvex();
  const name = getFunctionName(action);
  return useCallback(
    // The client takes a function's name as well as its reference (getFunctionName reads both).
    (args: FunctionArgs<A>): Promise<FunctionReturnType<A>> => convex.action(name as unknown as A, args),
    [convex, name],
  );
}
