import type { useAuth } from "@workos-inc/authkit-react";
import type { Mock } from "vitest";

/** What authkit-react's `useAuth()` returns. */
export type AuthKitValue = ReturnType<typeof useAuth>;

export type ConvexAuthValue = { isLoading: boolean; isAuthenticated: boolean; isRefreshing: boolean };

/** What convex/react's `useConvexConnectionState()` returns. */
export type ConnectionStateValue = ReturnType<typeof import("convex/react").useConvexConnectionState>;

export type QueryHandler = (args: unknown) => unknown;

/**
 * The fake session and backend a test set up with `renderWithAuth`. While it is set, the mocked
 * `@workos-inc/authkit-react` and `convex/react` (see setup.ts) answer from it; when it is null
 * they behave exactly like the real modules.
 */
export type MockState = {
  authKit: AuthKitValue;
  convexAuth: ConvexAuthValue;
  connection: ConnectionStateValue;
  queries: Map<string, QueryHandler>;
  mutations: Map<string, Mock>;
  /** The mocks behind `useAction`, by function name (`fakeAction` fills them before render). */
  actions: Map<string, Mock>;
  loadMore: Mock;
};

let state: MockState | null = null;
const listeners = new Set<() => void>();

export function getMockState(): MockState | null {
  return state;
}

export function setMockState(next: MockState | null): void {
  state = next;
  for (const listener of listeners) listener();
}

export function subscribeMockState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
