import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import { renderWithAuth, testUser } from "../../testing/render-with-auth";
import { UserMenu } from "./user-menu";

const outside = (
  <>
    <button type="button">Elsewhere</button>
    <p>Page text</p>
  </>
);

function menuButton() {
  return screen.getByRole("button", { name: "User menu" });
}

describe("the user menu", () => {
  test("is closed at first; its button says so and names the panel it controls", () => {
    renderWithAuth(<UserMenu />, { user: testUser() });
    const button = menuButton();
    expect(button).toHaveAttribute("aria-expanded", "false");
    const panel = document.getElementById(button.getAttribute("aria-controls") ?? "");
    expect(panel).not.toBeNull();
    expect(panel).not.toBeVisible();
    expect(screen.queryByRole("button", { name: "Sign out" })).not.toBeInTheDocument();
  });

  test("opens from the keyboard with the email, Account and Sign out; Escape closes it and focus returns to its button", async () => {
    renderWithAuth(<UserMenu />, { user: testUser({ email: "ada@example.com" }) });
    await userEvent.tab();
    expect(menuButton()).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    expect(menuButton()).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByText("ada@example.com")).toBeVisible();
    expect(screen.getByRole("link", { name: "Account" })).toHaveAttribute("href", "/app/account");
    await userEvent.tab();
    expect(screen.getByRole("link", { name: "Account" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(menuButton()).toHaveAttribute("aria-expanded", "false");
    expect(menuButton()).toHaveFocus();
    expect(screen.queryByRole("link", { name: "Account" })).not.toBeInTheDocument();
  });

  test("a click outside closes it, and so does tabbing out of it", async () => {
    renderWithAuth(
      <>
        <UserMenu />
        {outside}
      </>,
      { user: testUser() },
    );
    await userEvent.click(menuButton());
    expect(screen.getByRole("button", { name: "Sign out" })).toBeVisible();
    // Text takes no focus, so only the click itself can close the menu here.
    await userEvent.click(screen.getByText("Page text"));
    expect(menuButton()).toHaveAttribute("aria-expanded", "false");

    await userEvent.click(menuButton());
    await userEvent.tab(); // Account
    await userEvent.tab(); // Sign out
    await userEvent.tab(); // out of the menu
    expect(screen.getByRole("button", { name: "Elsewhere" })).toHaveFocus();
    expect(menuButton()).toHaveAttribute("aria-expanded", "false");
  });

  test("Account goes to the account page and closes the menu", async () => {
    const { location } = renderWithAuth(<UserMenu />, { user: testUser(), route: "/app" });
    await userEvent.click(menuButton());
    await userEvent.click(screen.getByRole("link", { name: "Account" }));
    expect(location().pathname).toBe("/app/account");
    expect(menuButton()).toHaveAttribute("aria-expanded", "false");
  });

  test("Sign out ends the session through WorkOS and returns to /", async () => {
    const { auth } = renderWithAuth(<UserMenu />, { user: testUser() });
    await userEvent.click(menuButton());
    await userEvent.click(screen.getByRole("button", { name: "Sign out" }));
    expect(auth.signOut).toHaveBeenCalledExactlyOnceWith({ returnTo: `${window.location.origin}/` });
  });

  test("a long email is cut to fit, with the full address in its text and title", async () => {
    const email = `${"very.long.name.".repeat(5)}@subdomain.example.com`;
    renderWithAuth(<UserMenu />, { user: testUser({ email }) });
    await userEvent.click(menuButton());
    const shown = screen.getByText(email);
    expect(shown).toHaveAttribute("title", email);
    expect(shown).toHaveClass("user-menu-email");
  });
});
