/**
 * Render a component as a signed-in (or signed-out, or still-loading) user, without WorkOS or
 * Convex. Use it for your own component tests:
 *
 * ```tsx
 * import { api } from "../../convex/_generated/api";
 * import { meAnswer } from "../testing/fixtures";
 * import { fakeQuery, renderWithAuth, testUser } from "../testing/render-with-auth";
 *
 * test("greets the user", () => {
 *   renderWithAuth(<AppHomePage />, {
 *     user: testUser({ firstName: "Ada" }),
 *     organizationId: "org_acme",
 *     role: "admin",
 *     permissions: ["notes:read", "notes:write"],
 *     queries: [fakeQuery(api.users.me, () => meAnswer({}, { name: "Ada" }))],
 *   });
 *   expect(screen.getByRole("heading", { name: "Welcome, Ada" })).toBeVisible();
 * });
 * ```
 *
 * How it works: `src/testing/setup.ts` mocks `@workos-inc/authkit-react` and `convex/react` for
 * every app test. While a test has called `renderWithAuth`, `useAuth()` returns the session
 * described by the options (with `vi.fn()` for `signIn`, `signOut`, …), `useConvexAuth()` follows
 * it, `useQuery` / `usePaginatedQuery` answer from `queries` (no handler = still loading), and
 * `useMutation` returns a `vi.fn()` you can read from `result.mutation(api.x.y)`. The default
 * `getAccessToken` resolves to a token whose claims (`sub`, `org_id`, `role`, `permissions`) match
 * the session, so code that reads them with `getClaims` sees the same user. Without
 * `renderWithAuth` the real modules are used.
 */
import { act, render, type RenderResult } from "@testing-library/react";
import type { User } from "@workos-inc/authkit-react";
import { getFunctionName, type FunctionArgs, type FunctionReference, type FunctionReturnType } from "convex/server";
import { StrictMode, type ReactElement, type ReactNode } from "react";
import { MemoryRouter, Route, Routes, useLocation, type Location } from "react-router-dom";
import { vi, type Mock } from "vitest";
import { ALICE } from "../../emulators/authkit/demo-world";
import { setSessionStatus, type SessionStatus } from "../auth/session-status";
import { AppConfigProvider } from "../config/app-config";
import type { AppConfig } from "../config/config";
import { getMockState, setMockState, type AuthKitValue, type MockState, type QueryHandler } from "./mock-state";

export type RenderWithAuthOptions = {
  /** The signed-in user; `null` (the default) means signed out. See `testUser()`. */
  user?: User | null;
  organizationId?: string | null;
  role?: string | null;
  roles?: string[] | null;
  permissions?: string[];
  authenticationMethod?: AuthKitValue["authenticationMethod"];
  /** AuthKit is still restoring the session (and so Convex is too). */
  loading?: boolean;
  /**
   * Convex's view, when it differs from AuthKit's. By default Convex is loading while AuthKit is
   * and authenticated exactly when there is a user.
   */
  convexAuth?: Partial<MockState["convexAuth"]>;
  /**
   * The Convex client's connection (`useConvexConnectionState()`). Default: connected. For example
   * `{ isWebSocketConnected: false, hasEverConnected: false }` is a backend that cannot be reached.
   */
  connection?: Partial<MockState["connection"]>;
  /** What the token hand-off reports; see src/auth/session-status.ts. */
  sessionStatus?: SessionStatus;
  /** Replace any AuthKit method, e.g. `getAccessToken: vi.fn().mockRejectedValue(...)`. */
  authKit?: Partial<AuthKitValue>;
  /** Answers for `useQuery` / `usePaginatedQuery`, built with `fakeQuery`. */
  queries?: FakeQuery[];
  /** Handlers for actions (`useAction`, `useConvex().action`), built with `fakeAction`; an action without one resolves to null. */
  actions?: FakeAction[];
  /** The URL the app is at. Default "/". */
  route?: string;
  /** The route pattern `ui` is mounted at (for `useParams`); other paths render nothing. Default: any. */
  path?: string;
  /** Render inside <StrictMode>, to prove effects survive React's double invocation. */
  strict?: boolean;
  config?: AppConfig;
};

export type FakeQuery = { name: string; handler: QueryHandler };

/** A typed answer for one query: `fakeQuery(api.users.me, () => ({ ... }))`. */
export function fakeQuery<Q extends FunctionReference<"query">>(
  query: Q,
  handler: (args: FunctionArgs<Q>) => FunctionReturnType<Q>,
): FakeQuery {
  return { name: getFunctionName(query), handler: handler as QueryHandler };
}

export type FakeAction = { name: string; handler: (args: unknown) => Promise<unknown> };

/**
 * A typed handler for one action: `fakeAction(api.invitations.lookup, async () => ({ status: "unknown" }))`.
 * It becomes the `vi.fn()` that `result.action(api.invitations.lookup)` returns.
 */
export function fakeAction<A extends FunctionReference<"action">>(
  action: A,
  handler: (args: FunctionArgs<A>) => Promise<FunctionReturnType<A>>,
): FakeAction {
  return { name: getFunctionName(action), handler: handler as FakeAction["handler"] };
}

/** A WorkOS user: the demo world's Alice unless overridden. */
export function testUser(overrides: Partial<User> = {}): User {
  return {
    object: "user",
    id: ALICE.id,
    email: ALICE.email,
    emailVerified: ALICE.email_verified,
    profilePictureUrl: null,
    firstName: ALICE.first_name,
    lastName: ALICE.last_name,
    lastSignInAt: null,
    externalId: undefined,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

/** A token-shaped string whose claims AuthKit's `getClaims` can read. */
export function testAccessToken(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${encode({ alg: "RS256", typ: "JWT" })}.${encode({ sub: ALICE.id, sid: "session_test", iat: now, exp: now + 300, ...claims })}.signature`;
}

/** The token AuthKit would hold for this session: its user, organization, role and permissions. */
function accessTokenFor(session: AuthKitValue | null): string {
  return testAccessToken({
    ...(session?.user && { sub: session.user.id }),
    ...(session?.organizationId && { org_id: session.organizationId }),
    ...(session?.role && { role: session.role }),
    ...(session?.roles && { roles: session.roles }),
    ...(session && (session.organizationId || session.permissions.length > 0) && { permissions: session.permissions }),
  });
}

export const testConfig: AppConfig = {
  workos: { clientId: "client_test", redirectUri: "http://localhost:3000/callback" },
  convexUrl: "http://127.0.0.1:3210",
};

export type RenderWithAuthResult = RenderResult & {
  /** AuthKit's methods as `vi.fn()`s: `expect(result.auth.signIn).toHaveBeenCalledWith(...)`. */
  auth: {
    signIn: Mock;
    signUp: Mock;
    signOut: Mock;
    switchToOrganization: Mock;
    getAccessToken: Mock;
  };
  /** The mock behind `useMutation(query)`; it resolves to null unless you change it. */
  mutation: (ref: FunctionReference<"mutation">) => Mock;
  /** The mock behind `useAction(ref)` and `useConvex().action(ref)`: the `fakeAction` handler given, else one resolving to null. */
  action: (ref: FunctionReference<"action">) => Mock;
  /** The `loadMore` every faked paginated query returns. */
  loadMore: Mock;
  /** Where the router is now (after redirects and navigations). */
  location: () => Location;
  /** Change the session mid-test, e.g. from loading to signed in; components re-render. */
  update: (options: Omit<RenderWithAuthOptions, "route" | "path" | "strict" | "config">) => void;
};

function mergeActions(actions: Map<string, Mock>, fakes: FakeAction[]): Map<string, Mock> {
  for (const fake of fakes) {
    const existing = actions.get(fake.name);
    if (existing) existing.mockImplementation(fake.handler);
    else actions.set(fake.name, vi.fn(fake.handler));
  }
  return actions;
}

function buildState(options: RenderWithAuthOptions, previous: MockState | null): MockState {
  const user = options.user ?? null;
  const loading = options.loading ?? false;
  const methods = previous?.authKit ?? {
    signIn: vi.fn(async () => {}),
    signUp: vi.fn(async () => {}),
    signOut: vi.fn(),
    switchToOrganization: vi.fn(async () => {}),
    // Both read the session as it is now, so they follow `update()`.
    getAccessToken: vi.fn(async () => accessTokenFor(getMockState()?.authKit ?? null)),
    getUser: vi.fn(() => getMockState()?.authKit.user ?? null),
    getSignInUrl: vi.fn(async () => "http://auth.test/sign-in"),
    getSignUpUrl: vi.fn(async () => "http://auth.test/sign-up"),
  };
  const authKit = {
    signIn: methods.signIn,
    signUp: methods.signUp,
    signOut: methods.signOut,
    switchToOrganization: methods.switchToOrganization,
    getAccessToken: methods.getAccessToken,
    getUser: methods.getUser,
    getSignInUrl: methods.getSignInUrl,
    getSignUpUrl: methods.getSignUpUrl,
    isLoading: loading,
    user,
    organizationId: options.organizationId ?? null,
    role: options.role ?? null,
    roles: options.roles ?? null,
    permissions: options.permissions ?? [],
    featureFlags: [],
    impersonator: null,
    authenticationMethod: options.authenticationMethod ?? null,
    ...options.authKit,
  } as AuthKitValue;
  return {
    authKit,
    convexAuth: {
      isLoading: loading,
      isAuthenticated: !loading && user !== null,
      isRefreshing: false,
      ...options.convexAuth,
    },
    connection: {
      hasInflightRequests: false,
      isWebSocketConnected: true,
      timeOfOldestInflightRequest: null,
      hasEverConnected: true,
      connectionCount: 1,
      connectionRetries: 0,
      inflightMutations: 0,
      inflightActions: 0,
      ...options.connection,
    },
    queries: new Map((options.queries ?? []).map((q) => [q.name, q.handler])),
    mutations: previous?.mutations ?? new Map(),
    actions: mergeActions(previous?.actions ?? new Map(), options.actions ?? []),
    loadMore: previous?.loadMore ?? vi.fn(),
  };
}

export function renderWithAuth(ui: ReactElement, options: RenderWithAuthOptions = {}): RenderWithAuthResult {
  setMockState(buildState(options, null));
  if (options.sessionStatus) setSessionStatus(options.sessionStatus);

  let current: Location | null = null;
  function LocationProbe() {
    current = useLocation();
    return null;
  }

  const path = options.path ?? "*";
  const tree: ReactNode = (
    <AppConfigProvider config={options.config ?? testConfig}>
      <MemoryRouter initialEntries={[options.route ?? "/"]}>
        <Routes>
          <Route path={path} element={ui} />
          {path !== "*" && <Route path="*" element={null} />}
        </Routes>
        <LocationProbe />
      </MemoryRouter>
    </AppConfigProvider>
  );
  const result = render(options.strict ? <StrictMode>{tree}</StrictMode> : tree);
  const state = () => {
    const s = getMockState();
    if (s === null) throw new Error("renderWithAuth state was reset; call it inside the test.");
    return s;
  };
  const authKit = state().authKit;

  return Object.assign(result, {
    auth: {
      signIn: authKit.signIn as Mock,
      signUp: authKit.signUp as Mock,
      signOut: authKit.signOut as Mock,
      switchToOrganization: authKit.switchToOrganization as Mock,
      getAccessToken: authKit.getAccessToken as Mock,
    },
    mutation: (ref: FunctionReference<"mutation">) => {
      const s = state();
      const name = getFunctionName(ref);
      let mock = s.mutations.get(name);
      if (mock === undefined) {
        mock = vi.fn(async () => null);
        s.mutations.set(name, mock);
      }
      return mock;
    },
    action: (ref: FunctionReference<"action">) => {
      const s = state();
      const name = getFunctionName(ref);
      let mock = s.actions.get(name);
      if (mock === undefined) {
        mock = vi.fn(async () => null);
        s.actions.set(name, mock);
      }
      return mock;
    },
    loadMore: state().loadMore,
    location: () => {
      if (current === null) throw new Error("The router has not rendered yet.");
      return current;
    },
    update: (next: Omit<RenderWithAuthOptions, "route" | "path" | "strict" | "config">) => {
      const nextState = buildState({ ...options, ...next }, state());
      act(() => {
        setMockState(nextState);
        if (next.sessionStatus) setSessionStatus(next.sessionStatus);
      });
    },
  });
}
