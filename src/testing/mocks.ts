import { getFunctionName, type FunctionReference } from "convex/server";
import { createElement, Fragment, useSyncExternalStore } from "react";
import { vi, type Mock } from "vitest";
import { getMockState, subscribeMockState, type MockState } from "./mock-state";

// Re-render mocked hooks when a test changes the fake session (`result.update(...)`).
function useMockState(): MockState | null {
  return useSyncExternalStore(subscribeMockState, getMockState, getMockState);
}

function nameOf(ref: unknown): string {
  return getFunctionName(ref as FunctionReference<"query" | "mutation">);
}

type AuthKitModule = typeof import("@workos-inc/authkit-react");
type ConvexReactModule = typeof import("convex/react");

export function mockAuthKitReact(actual: AuthKitModule): AuthKitModule {
  return {
    ...actual,
    useAuth: () => {
      const state = useMockState();
      // A test either fakes auth or not, for its whole run, so the hook order never changes.
      return state === null ? actual.useAuth() : state.authKit;
    },
  };
}

export function mockConvexReact(actual: ConvexReactModule): ConvexReactModule {
  function mutationFor(state: MockState, name: string) {
    let mutation = state.mutations.get(name);
    if (mutation === undefined) {
      mutation = vi.fn(async () => null);
      state.mutations.set(name, mutation);
    }
    return mutation;
  }

  const callables = new WeakMap<Mock, (args: unknown) => unknown>();
  const fakeClients = new WeakMap<Map<string, Mock>, object>();
  function actionFor(state: MockState, name: string) {
    let action = state.actions.get(name);
    if (action === undefined) {
      action = vi.fn(async () => null);
      state.actions.set(name, action);
    }
    return action;
  }

  // Not a real client: a signed-in page under test must not open a WebSocket.
  class ConvexReactClient extends actual.ConvexReactClient {
    constructor(...args: ConstructorParameters<ConvexReactModule["ConvexReactClient"]>) {
      if (getMockState() !== null) {
        return { setAuth: () => {}, clearAuth: () => {}, close: async () => {} } as unknown as ConvexReactClient;
      }
      super(...args);
    }
  }

  return {
    ...actual,
    ConvexReactClient,
    ConvexProviderWithAuth: (props) => {
      const state = useMockState();
      return state === null ? actual.ConvexProviderWithAuth(props) : createElement(Fragment, null, props.children);
    },
    useConvexAuth: () => {
      const state = useMockState();
      return state === null ? actual.useConvexAuth() : state.convexAuth;
    },
    useConvexConnectionState: () => {
      const state = useMockState();
      return state === null ? actual.useConvexConnectionState() : state.connection;
    },
    // Convex's gates read its own useConvexAuth, not the export above, so they follow the fake session here.
    Authenticated: ({ children }) => {
      const state = useMockState();
      if (state === null) return actual.Authenticated({ children });
      return !state.convexAuth.isLoading && state.convexAuth.isAuthenticated ? createElement(Fragment, null, children) : null;
    },
    Unauthenticated: ({ children }) => {
      const state = useMockState();
      if (state === null) return actual.Unauthenticated({ children });
      return !state.convexAuth.isLoading && !state.convexAuth.isAuthenticated ? createElement(Fragment, null, children) : null;
    },
    AuthLoading: ({ children }) => {
      const state = useMockState();
      if (state === null) return actual.AuthLoading({ children });
      return state.convexAuth.isLoading ? createElement(Fragment, null, children) : null;
    },
    useQuery: ((ref: unknown, args?: unknown) => {
      const state = useMockState();
      if (state === null) return (actual.useQuery as (r: unknown, a?: unknown) => unknown)(ref, args);
      if (args === "skip") return undefined;
      return state.queries.get(nameOf(ref))?.(args ?? {});
    }) as ConvexReactModule["useQuery"],
    useMutation: ((ref: unknown) => {
      const state = useMockState();
      if (state === null) return (actual.useMutation as (r: unknown) => unknown)(ref);
      const mutation = mutationFor(state, nameOf(ref));
      return Object.assign((args: unknown) => mutation(args), { withOptimisticUpdate: () => mutation });
    }) as ConvexReactModule["useMutation"],
    // The client as far as components reach it directly: `action()` answers from the same mocks
    // as `useAction` (src/lib/use-convex-action.ts calls the client's `action()`).
    useConvex: (() => {
      const state = useMockState();
      if (state === null) return actual.useConvex();
      // One fake client per test (its actions map outlives `update()`), stable like the real one.
      let client = fakeClients.get(state.actions);
      if (client === undefined) {
        client = { action: (ref: unknown, args: unknown) => actionFor(getMockState() ?? state, nameOf(ref))(args) };
        fakeClients.set(state.actions, client);
      }
      return client as ReturnType<ConvexReactModule["useConvex"]>;
    }) as ConvexReactModule["useConvex"],
    useAction: ((ref: unknown) => {
      const state = useMockState();
      if (state === null) return (actual.useAction as (r: unknown) => unknown)(ref);
      // Stable across renders, as the real hook's is, so effects that call it do not re-run.
      const action = actionFor(state, nameOf(ref));
      let callable = callables.get(action);
      if (callable === undefined) {
        callable = (args: unknown) => action(args);
        callables.set(action, callable);
      }
      return callable;
    }) as ConvexReactModule["useAction"],
    usePaginatedQuery: ((ref: unknown, args: unknown, options: { initialNumItems: number }) => {
      const state = useMockState();
      if (state === null) {
        return (actual.usePaginatedQuery as (r: unknown, a: unknown, o: unknown) => unknown)(ref, args, options);
      }
      const handler = state.queries.get(nameOf(ref));
      const loadMore = state.loadMore;
      if (args === "skip" || handler === undefined) {
        return { results: [], status: "LoadingFirstPage", isLoading: true, loadMore };
      }
      const page = handler(args) as { page: unknown[]; isDone: boolean };
      return page.isDone
        ? { results: page.page, status: "Exhausted", isLoading: false, loadMore }
        : { results: page.page, status: "CanLoadMore", isLoading: false, loadMore };
    }) as ConvexReactModule["usePaginatedQuery"],
  };
}
