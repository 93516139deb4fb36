import { safeReturnTo } from "./return-to";

type Navigate = (to: string, options: { replace: true }) => unknown;

function returnToFromState(state: unknown): unknown {
  return typeof state === "object" && state !== null && "returnTo" in state ? state.returnTo : undefined;
}

/**
 * AuthKit's `onRedirectCallback`: after the code exchange succeeds, go where the sign-in started
 * (`state.returnTo`, validated) and replace `/callback` in history so Back doesn't return to it.
 *
 * AuthKitProvider sits inside the router (`main.tsx`), so this receives the router's own `navigate`.
 * AuthKit removes `code` and `state` from the address bar with `history.replaceState` right after
 * this callback returns; navigating on the next task keeps the router's history entry intact.
 */
export function createRedirectCallback(navigate: Navigate) {
  return ({ state }: { state?: unknown }) => {
    const target = safeReturnTo(returnToFromState(state));
    setTimeout(() => {
      void navigate(target, { replace: true });
    }, 0);
  };
}
