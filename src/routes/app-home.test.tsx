import { screen } from "@testing-library/react";
import { ConvexError } from "convex/values";
import { describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import { meAnswer } from "../testing/fixtures";
import { fakeQuery, renderWithAuth, testUser } from "../testing/render-with-auth";
import AppHomePage from "./app-home";

const noNotes = fakeQuery(api.notes.list, () => ({ page: [], isDone: true, continueCursor: "" }));

describe("/app (signed-in home)", () => {
  test("greets the user by the name Convex has stored", () => {
    renderWithAuth(<AppHomePage />, {
      user: testUser(),
      queries: [fakeQuery(api.users.me, () => meAnswer({}, { name: "Ada Lovelace" })), noNotes],
    });
    expect(screen.getByRole("heading", { level: 1, name: "Welcome, Ada Lovelace" })).toBeVisible();
  });

  test("falls back to the email when there is no name", () => {
    renderWithAuth(<AppHomePage />, {
      user: testUser(),
      queries: [fakeQuery(api.users.me, () => meAnswer({}, { name: undefined, email: "ada@example.com" })), noNotes],
    });
    expect(screen.getByRole("heading", { level: 1, name: "Welcome, ada@example.com" })).toBeVisible();
  });

  test("while the profile loads, and while the user row is being created: the heading with a placeholder for the name", () => {
    const result = renderWithAuth(<AppHomePage />, { user: testUser(), queries: [noNotes] });
    const heading = screen.getByRole("heading", { level: 1 });
    expect(heading).toHaveTextContent(/^Welcome,\s*$/);
    expect(heading).toHaveAttribute("aria-busy", "true");
    expect(screen.getByRole("status")).toHaveTextContent("Loading…");
    result.update({ user: testUser(), queries: [fakeQuery(api.users.me, () => meAnswer({}, null)), noNotes] });
    expect(screen.getByRole("heading", { level: 1 })).toHaveAttribute("aria-busy", "true");
    expect(screen.queryByText(/Setting up your account|Loading your profile/)).not.toBeInTheDocument();
    result.update({ user: testUser(), queries: [fakeQuery(api.users.me, () => meAnswer({}, { name: "Ada Lovelace" })), noNotes] });
    expect(screen.getByRole("heading", { level: 1, name: "Welcome, Ada Lovelace" })).not.toHaveAttribute("aria-busy");
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  test("a refused notes list says why in place, and the rest of the page stays", () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const refused = fakeQuery(api.notes.list, () => {
      throw new ConvexError({ code: "FORBIDDEN", message: 'Your role does not include the "notes:read" permission.' });
    });
    renderWithAuth(<AppHomePage />, {
      user: testUser(),
      organizationId: "org_acme",
      queries: [fakeQuery(api.users.me, () => meAnswer({}, { name: "Ada Lovelace" })), refused],
    });
    expect(screen.getByRole("alert")).toHaveTextContent('Your role does not include the "notes:read" permission.');
    expect(screen.getByRole("heading", { level: 1, name: "Welcome, Ada Lovelace" })).toBeVisible();
    quiet.mockRestore();
  });

  test("someone in no organization is offered to create one here; a member of one is not", async () => {
    const carol = fakeQuery(api.users.me, () => meAnswer({ orgId: null, role: null, permissions: [] }, { name: "Carol Clark", organizationIds: [] }));
    const result = renderWithAuth(<AppHomePage />, { user: testUser(), queries: [carol, noNotes] });
    expect(screen.getByRole("heading", { name: "Create an organization" })).toBeVisible();
    expect(await screen.findByLabelText("Organization name")).toBeVisible();
    expect(screen.getByRole("button", { name: "Create organization" })).toBeVisible();
    result.update({ user: testUser(), organizationId: "org_acme", role: "admin", queries: [fakeQuery(api.users.me, () => meAnswer()), noNotes] });
    expect(screen.queryByRole("heading", { name: "Create an organization" })).not.toBeInTheDocument();
  });
});
