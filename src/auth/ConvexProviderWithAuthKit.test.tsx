import { act, render, screen } from "@testing-library/react";
import { LoginRequiredError } from "@workos-inc/authkit-react";
import { useConvexAuth } from "convex/react";
import { StrictMode, useSyncExternalStore } from "react";
import { describe, expect, test, vi } from "vitest";
import { testUser } from "../testing/render-with-auth";
import { ConvexProviderWithAuthKit, type AuthKitAuth } from "./ConvexProviderWithAuthKit";

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

function setup(initial: Partial<AuthKitAuth>) {
  const client = fakeConvexClient();
  const authKit = fakeAuthKit(initial);
  render(
    <StrictMode>
      <ConvexProviderWithAuthKit client={client} useAuth={authKit.useAuth}>
        <AuthState />
      </ConvexProviderWithAuthKit>
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
