import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { renderWithAuth, testUser } from "../testing/render-with-auth";
import { Landing } from "./landing";

describe("/ (landing)", () => {
  test("signed out: says what the app is and offers Sign in and Sign up", async () => {
    const { location } = renderWithAuth(<Landing />);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(/Notes/);
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(location().pathname).toBe("/sign-in");
  });

  test("shows what the starter gives as a short list, under the app's name", () => {
    renderWithAuth(<Landing />);
    expect(screen.getByRole("banner")).toHaveTextContent("Notes");
    const features = within(screen.getByRole("list", { name: "What the starter gives" })).getAllByRole("listitem");
    expect(features.length).toBeGreaterThanOrEqual(4);
    expect(features.map((item) => item.querySelector("strong")?.textContent)).toContain("Sign-in with WorkOS AuthKit");
    expect(screen.getByRole("contentinfo")).toBeVisible();
  });

  test("Sign in with SSO goes to the SSO sign-in page", async () => {
    const { location } = renderWithAuth(<Landing />);
    await userEvent.click(screen.getByRole("link", { name: "Sign in with SSO" }));
    expect(location().pathname).toBe("/sign-in/sso");
  });

  test("Sign up goes to the sign-up endpoint", async () => {
    const { location } = renderWithAuth(<Landing />);
    await userEvent.click(screen.getByRole("button", { name: "Sign up" }));
    expect(location().pathname).toBe("/sign-up");
  });

  test("while the session is restored, placeholders where the buttons go, and the one loading message", () => {
    renderWithAuth(<Landing />, { loading: true });
    expect(screen.getByRole("status")).toHaveTextContent(/^Loading…$/);
    expect(screen.getByRole("status").parentElement).toHaveAttribute("aria-busy", "true");
    expect(screen.queryByRole("button", { name: "Sign in" })).not.toBeInTheDocument();
  });

  test("signed in: goes to the signed-in home", () => {
    const { location } = renderWithAuth(<Landing />, { user: testUser() });
    expect(location().pathname).toBe("/app");
  });
});
