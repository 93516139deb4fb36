import { useConvex } from "convex/react";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { useCallback } from "react";

/**
 * `useAction` from `convex/react`, built on the client the app already holds: calling the
 * client's `action()` directly keeps convex/react's own hook (and its error strings) out of the
 * first page's download, which is at its budget (README, "Bundle budget"). Same contract: a
 * stable function per action that resolves to its result or rejects with its error.
 */
export function useConvexAction<A extends FunctionReference<"action">>(action: A) {
  const convex = useConvex();
  return useCallback((args: FunctionArgs<A>): Promise<FunctionReturnType<A>> => convex.action(action, args), [convex, action]);
}
