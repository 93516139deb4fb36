import { act, screen } from "@testing-library/react";
import { describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import AppLayout from "../routes/app-layout";
import { meAnswer } from "../testing/fixtures";
import { fakeQuery, renderWithAuth, testUser } from "../testing/render-with-auth";
import { UNREACHABLE_AFTER_MS } from "./convex-connection";
import { RequireAuth } from "./require-auth";

const unreachable = { isWebSocketConnected: false, hasEverConnected: false };
const waitingForConvex = { isLoading: true, isAuthenticated: false };

describe("a Convex backend that cannot be reached", () => {
  test("a signed-in page waiting on Convex says which backend cannot be reached after a few seconds, and offers Sign out", () => {
    vi.useFakeTimers();
    renderWithAuth(<RequireAuth>secret page</RequireAuth>, { user: testUser(), convexAuth: waitingForConvex, connection: unreachable, route: "/app" });
    expect(screen.getByRole("status")).toHaveTextContent("Checking your session…");
    act(() => vi.advanceTimersByTime(UNREACHABLE_AFTER_MS));
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Can't reach the Convex backend");
    expect(alert).toHaveTextContent("http://127.0.0.1:3210");
    expect(alert).toHaveTextContent("npm run dev");
    expect(screen.getByRole("button", { name: "Sign out" })).toBeVisible();
    expect(screen.queryByText("secret page")).not.toBeInTheDocument();
  });

  test("a real deployment's URL points at VITE_CONVEX_URL and npx convex dev", () => {
    vi.useFakeTimers();
    renderWithAuth(<RequireAuth>secret page</RequireAuth>, {
      user: testUser(),
      convexAuth: waitingForConvex,
      connection: unreachable,
      config: { workos: { clientId: "client_test", redirectUri: "http://localhost:3000/callback" }, convexUrl: "https://happy-animal-123.convex.cloud" },
    });
    act(() => vi.advanceTimersByTime(UNREACHABLE_AFTER_MS));
    expect(screen.getByRole("alert")).toHaveTextContent(/VITE_CONVEX_URL.*npx convex dev/);
  });

  test("when the backend answers, the page continues on its own", () => {
    vi.useFakeTimers();
    const result = renderWithAuth(<RequireAuth>secret page</RequireAuth>, { user: testUser(), convexAuth: waitingForConvex, connection: unreachable });
    act(() => vi.advanceTimersByTime(UNREACHABLE_AFTER_MS));
    expect(screen.getByRole("alert")).toBeVisible();
    result.update({ user: testUser(), convexAuth: { isLoading: false, isAuthenticated: true }, connection: { isWebSocketConnected: true, hasEverConnected: true } });
    expect(screen.getByText("secret page")).toBeVisible();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  test("a slow first connection is not an error", () => {
    vi.useFakeTimers();
    renderWithAuth(<RequireAuth>secret page</RequireAuth>, { user: testUser(), convexAuth: waitingForConvex, connection: unreachable });
    act(() => vi.advanceTimersByTime(UNREACHABLE_AFTER_MS - 100));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});

describe("a connection lost later in the session", () => {
  const me = fakeQuery(api.users.me, () => meAnswer());

  test("shows a small Reconnecting notice over the page, not a blank page, and clears it once back", () => {
    vi.useFakeTimers();
    const result = renderWithAuth(<AppLayout />, { user: testUser(), queries: [me], route: "/app" });
    expect(screen.queryByText(/Reconnecting to Convex/)).not.toBeInTheDocument();
    result.update({ user: testUser(), queries: [me], connection: { isWebSocketConnected: false, hasEverConnected: true } });
    act(() => vi.advanceTimersByTime(UNREACHABLE_AFTER_MS));
    expect(screen.getByText(/Reconnecting to Convex/)).toBeVisible();
    expect(screen.getByRole("button", { name: "User menu" })).toBeVisible();
    result.update({ user: testUser(), queries: [me], connection: { isWebSocketConnected: true } });
    expect(screen.queryByText(/Reconnecting to Convex/)).not.toBeInTheDocument();
  });
});
