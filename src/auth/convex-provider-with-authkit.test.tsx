import { act, render, screen } from "@testing-library/react";
import { LoginRequiredError } from "@workos-inc/authkit-react";
import { useConvexAuth } from "convex/react";
import { StrictMode, useSyncExternalStore } from "react";
import { describe, expect, test, vi } from "vitest";
import { testUser } from "../testing/render-with-auth";
import { ConvexProviderWithAuthKit as StockConvexProviderWithAuthKit } from "@convex-dev/workos";
import { ConvexProviderWithAuthKit, type AuthKitAuth } from "./convex-provider-with-authkit";

type Fetcher = (args: { forceRefreshToken: boolean }) => Promise<string | null>;

/** A stand-in for ConvexReactClient that records what the provider asks of it. */
function fakeConvexClient() {
  const fetchers: Fetcher[] = [];
  let report: (isAuthenticated: boolean) => void = () => {};
  return {
    fetchers,
    confirm: (isAuthenticated: boolean) => act(() => report(isAuthenticated)),
    setAuth: vi.fn((fetchToken: Fetcher, onChange: (isAuthenticated: boolean) => void) => {
      fetchers.push(fetchToken);
      report = onChange;
    }),
    clearAuth: vi.fn(),
  };
}

/** AuthKit's useAuth, driven by the test. */
function fakeAuthKit(initial: Partial<AuthKitAuth>) {
  let value: AuthKitAuth = {
    isLoading: false,
    user: testUser(),
    getAccessToken: vi.fn(async () => "token"),
    organizationId: null,
    role: null,
    ...initial,
  };
  const listeners = new Set<() => void>();
  return {
    useAuth: () =>
      useSyncExternalStore(
        (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        () => value,
      ),
    set: (next: Partial<AuthKitAuth>) =>
      act(() => {
        value = { ...value, ...next };
        listeners.forEach((l) => l());
      }),
    get: () => value,
  };
}

function AuthState() {
  const { isLoading, isAuthenticated } = useConvexAuth();
  return <p>{isLoading ? "loading" : isAuthenticated ? "authenticated" : "signed out"}</p>;
}

// Retries in a millisecond, quietly, so a retried failure resolves within the test.
const QUICK_RETRIES = { retryDelaysMs: [1], log: () => {} };

function setup(initial: Partial<AuthKitAuth>, Provider: typeof ConvexProviderWithAuthKit = ConvexProviderWithAuthKit) {
  const client = fakeConvexClient();
  const authKit = fakeAuthKit(initial);
  render(
    <StrictMode>
      <Provider client={client} useAuth={authKit.useAuth} fetcherOptions={QUICK_RETRIES}>
        <AuthState />
      </Provider>
    </StrictMode>,
  );
  return { client, authKit };
}

describe("ConvexProviderWithAuthKit (the token hand-off)", () => {
  test("is loading while AuthKit is, and does not ask for a token", () => {
    const { client } = setup({ isLoading: true, user: null });
    expect(screen.getByText("loading")).toBeVisible();
    expect(client.setAuth).not.toHaveBeenCalled();
  });

  test("with no user, Convex is signed out", () => {
    const { client } = setup({ user: null });
    expect(screen.getByText("signed out")).toBeVisible();
    expect(client.setAuth).not.toHaveBeenCalled();
  });

  test("with a user, hands Convex a fetcher that forwards forceRefreshToken", async () => {
    const { client, authKit } = setup({});
    expect(screen.getByText("loading")).toBeVisible();
    const fetcher = client.fetchers.at(-1)!;
    await expect(fetcher({ forceRefreshToken: true })).resolves.toBe("token");
    expect(authKit.get().getAccessToken).toHaveBeenLastCalledWith({ forceRefresh: true });
    client.confirm(true);
    expect(screen.getByText("authenticated")).toBeVisible();
  });

  test("a new organization makes Convex fetch a new token; an unrelated re-render does not", async () => {
    const { client, authKit } = setup({ organizationId: "org_acme", role: "admin" });
    client.confirm(true);
    const before = client.fetchers.at(-1);
    const calls = client.setAuth.mock.calls.length;

    authKit.set({ permissions: ["x"] } as Partial<AuthKitAuth>);
    expect(client.setAuth.mock.calls.length).toBe(calls);

    authKit.set({ organizationId: "org_globex", role: "member" });
    expect(client.setAuth.mock.calls.length).toBeGreaterThan(calls);
    expect(client.fetchers.at(-1)).not.toBe(before);
    // While Convex confirms the new token the app shows loading, never "signed out".
    expect(screen.getByText("loading")).toBeVisible();
    client.confirm(true);
    expect(screen.getByText("authenticated")).toBeVisible();
  });

  test("a different user also gets a new fetcher", () => {
    const { client, authKit } = setup({});
    const before = client.fetchers.at(-1);
    authKit.set({ user: testUser({ id: "user_other" }) });
    expect(client.fetchers.at(-1)).not.toBe(before);
  });

  test("signing out clears Convex auth", () => {
    const { client, authKit } = setup({});
    client.confirm(true);
    authKit.set({ user: null });
    expect(client.clearAuth).toHaveBeenCalled();
    expect(screen.getByText("signed out")).toBeVisible();
  });

  test("an ended session makes the fetcher return null, which Convex reads as signed out", async () => {
    const { client } = setup({ getAccessToken: vi.fn().mockRejectedValue(new LoginRequiredError()) });
    await expect(client.fetchers.at(-1)!({ forceRefreshToken: false })).resolves.toBeNull();
  });
});

/**
 * Why the app does not use `@convex-dev/workos`'s adapter: the same
 * situations, handed to both. If one of the stock cases starts failing, the package has caught up
 * and the app could go back to it.
 */
describe("the stock @convex-dev/workos adapter, for comparison", () => {
  const stock = StockConvexProviderWithAuthKit as unknown as typeof ConvexProviderWithAuthKit;
  const networkBlip = () => vi.fn().mockRejectedValueOnce(new TypeError("Failed to fetch")).mockResolvedValue("token");

  test("reads a network blip as signed out; this adapter retries and hands over the token", async () => {
    const stockSetup = setup({ getAccessToken: networkBlip() }, stock);
    await expect(stockSetup.client.fetchers.at(-1)!({ forceRefreshToken: true })).resolves.toBeNull();

    const ours = setup({ getAccessToken: networkBlip() });
    await expect(ours.client.fetchers.at(-1)!({ forceRefreshToken: true })).resolves.toBe("token");
  });

  test("drops Convex's forceRefreshToken; this adapter forwards it", async () => {
    const stockSetup = setup({}, stock);
    await stockSetup.client.fetchers.at(-1)!({ forceRefreshToken: true });
    expect(stockSetup.authKit.get().getAccessToken).toHaveBeenLastCalledWith();
  });

  test("keeps the old organization's token after a switch; this adapter re-authenticates", () => {
    const stockSetup = setup({ organizationId: "org_acme" }, stock);
    const calls = stockSetup.client.setAuth.mock.calls.length;
    stockSetup.authKit.set({ organizationId: "org_globex" });
    expect(stockSetup.client.setAuth.mock.calls.length).toBe(calls);
  });
});
