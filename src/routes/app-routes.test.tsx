import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ConvexError } from "convex/values";
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { meAnswer } from "../testing/fixtures";
import { fakeQuery, renderWithAuth, testUser } from "../testing/render-with-auth";
import { AppRoutes } from "./app-routes";

const me = fakeQuery(api.users.me, () => meAnswer({ orgId: null, role: null, permissions: [] }, null));

describe("routes", () => {
  test("an unknown address shows the not-found page", async () => {
    renderWithAuth(<AppRoutes />, { route: "/no/such/page" });
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeVisible();
    expect(screen.getByText("/no/such/page")).toBeVisible();
  });

  test("an unknown page inside the signed-in area is not found too, behind the guard", async () => {
    renderWithAuth(<AppRoutes />, { route: "/app/nope", user: testUser(), queries: [me] });
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeVisible();
    expect(screen.getByRole("button", { name: "User menu" })).toBeVisible();
  });

  test("the signed-in area sends a signed-out visitor to sign in with returnTo", async () => {
    const { auth } = renderWithAuth(<AppRoutes />, { route: "/app/account" });
    expect(await screen.findByText("Taking you to sign in…")).toBeVisible();
    expect(auth.signIn).toHaveBeenCalledExactlyOnceWith({ state: { returnTo: "/app/account" } });
  });

  test("/account is an alias of /app/account", async () => {
    const { location } = renderWithAuth(<AppRoutes />, { route: "/account", user: testUser(), queries: [me] });
    expect(await screen.findByRole("heading", { name: "Your account" })).toBeVisible();
    expect(location().pathname).toBe("/app/account");
  });

  test("moving between signed-in pages keeps the signed-in area mounted, so the user is not stored again", async () => {
    const noNotes = fakeQuery(api.notes.list, () => ({ page: [], isDone: true, continueCursor: "" }));
    const result = renderWithAuth(<AppRoutes />, { route: "/app/account", user: testUser(), queries: [me, noNotes] });
    expect(await screen.findByRole("heading", { name: "Your account" })).toBeVisible();
    const store = result.mutation(api.users.store);
    const calls = store.mock.calls.length;
    expect(calls).toBeGreaterThan(0);

    await userEvent.click(screen.getByRole("link", { name: "Notes" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Welcome" })).toBeVisible();
    expect(store.mock.calls.length).toBe(calls);
  });

  test("a page whose query is refused shows the server's sentence, not its raw payload", async () => {
    const refused = fakeQuery(api.users.me, () => {
      throw new ConvexError({ code: "FORBIDDEN", message: "This needs an organization. Switch to one of your organizations first." });
    });
    renderWithAuth(<AppRoutes />, { route: "/app/account", user: testUser(), queries: [refused] });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This page ran into a problem");
    expect(alert).toHaveTextContent("This needs an organization. Switch to one of your organizations first.");
    expect(alert).not.toHaveTextContent('"code"');
  });
});
