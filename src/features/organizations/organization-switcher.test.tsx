import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { api } from "../../../convex/_generated/api";
import { meAnswer } from "../../testing/fixtures";
import { fakeQuery, renderWithAuth, testUser } from "../../testing/render-with-auth";
import { NAME_GRACE_MS } from "./organization-name";
import { OrganizationSwitcher } from "./organization-switcher";

const me = fakeQuery(api.users.me, () =>
  meAnswer({ organizations: [{ id: "org_acme", name: "Acme Corp" }] }, { organizationIds: ["org_acme"] }),
);

describe("OrganizationSwitcher", () => {
  test("while Convex has not answered, or the current organization's name may still come: a placeholder, never the id", () => {
    vi.useFakeTimers();
    const result = renderWithAuth(<OrganizationSwitcher />, { user: testUser(), organizationId: "org_acme", role: "admin" });
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Role: admin").parentElement).toHaveAttribute("aria-busy", "true");
    expect(screen.queryByText(/org_/)).not.toBeInTheDocument();

    const unnamed = fakeQuery(api.users.me, () => meAnswer());
    result.update({ user: testUser(), organizationId: "org_acme", role: "admin", queries: [unnamed] });
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    expect(screen.queryByText(/org_/)).not.toBeInTheDocument();

    const named = fakeQuery(api.users.me, () => meAnswer({ organizations: [{ id: "org_acme", name: "Acme Corp" }, { id: "org_globex", name: null }] }));
    result.update({ user: testUser(), organizationId: "org_acme", role: "admin", queries: [named] });
    expect(screen.getByRole("combobox", { name: "Organization" })).toHaveValue("org_acme");
    expect(screen.getByRole("option", { selected: true })).toHaveTextContent("Acme Corp");
    vi.useRealTimers();
  });

  test("an organization whose name never comes (no API key on the server) shows its id after a few seconds", () => {
    vi.useFakeTimers();
    renderWithAuth(<OrganizationSwitcher />, { user: testUser(), organizationId: "org_acme", queries: [fakeQuery(api.users.me, () => meAnswer())] });
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    act(() => vi.advanceTimersByTime(NAME_GRACE_MS));
    expect(screen.getByRole("combobox", { name: "Organization" })).toHaveValue("org_acme");
    vi.useRealTimers();
  });

  test("the current organization is listed even before Convex has recorded it", () => {
    vi.useFakeTimers();
    renderWithAuth(<OrganizationSwitcher />, {
      user: testUser(),
      organizationId: "org_new",
      role: "member",
      queries: [me],
    });
    act(() => vi.advanceTimersByTime(NAME_GRACE_MS));
    vi.useRealTimers();
    const options = screen.getAllByRole("option").map((o) => o.textContent);
    expect(options).toEqual(["org_new", "Acme Corp", "Another organization…", "Create organization…"]);
    expect(screen.getByLabelText("Organization")).toHaveValue("org_new");
  });

  test("options show the organization names Convex knows, and the ids otherwise; the value stays the id", async () => {
    const { auth } = renderWithAuth(<OrganizationSwitcher />, {
      user: testUser(),
      organizationId: "org_acme",
      role: "admin",
      queries: [
        fakeQuery(api.users.me, () =>
          meAnswer(
            { organizations: [{ id: "org_acme", name: "Acme Corp" }, { id: "org_globex", name: "Globex" }, { id: "org_new", name: null }] },
            { organizationIds: ["org_acme", "org_globex", "org_new"] },
          ),
        ),
      ],
    });
    const options = screen.getAllByRole<HTMLOptionElement>("option");
    expect(options.map((o) => o.textContent)).toEqual(["Acme Corp", "Globex", "org_new", "Another organization…", "Create organization…"]);
    expect(options.map((o) => o.value)).toEqual(["org_acme", "org_globex", "org_new", "__other__", "__create__"]);
    expect(screen.getByLabelText("Organization")).toHaveValue("org_acme");
    await userEvent.selectOptions(screen.getByLabelText("Organization"), "Globex");
    expect(auth.switchToOrganization).toHaveBeenCalledExactlyOnceWith({ organizationId: "org_globex" });
  });

  test("“Another organization…” goes through the hosted organization picker, as the same user", async () => {
    const { auth } = renderWithAuth(<OrganizationSwitcher />, {
      user: testUser({ email: "ada@example.com" }),
      organizationId: "org_acme",
      queries: [me],
      route: "/app/account?tab=session#expiry",
    });
    await userEvent.selectOptions(screen.getByLabelText("Organization"), "Another organization…");
    expect(auth.signIn).toHaveBeenCalledExactlyOnceWith({
      loginHint: "ada@example.com",
      state: { returnTo: "/app/account?tab=session#expiry" },
    });
    expect(auth.switchToOrganization).not.toHaveBeenCalled();
  });

  test("a failed switch is explained and the control is usable again", async () => {
    const switchToOrganization = vi.fn().mockRejectedValue(new TypeError("Failed to fetch"));
    renderWithAuth(<OrganizationSwitcher />, {
      user: testUser(),
      organizationId: "org_acme",
      queries: [fakeQuery(api.users.me, () => meAnswer({ organizations: [{ id: "org_acme", name: "Acme Corp" }, { id: "org_globex", name: null }] }))],
      authKit: { switchToOrganization },
    });
    await userEvent.selectOptions(screen.getByLabelText("Organization"), "org_globex");
    expect(await screen.findByRole("alert")).toHaveTextContent("Failed to fetch");
    expect(screen.getByLabelText("Organization")).toBeEnabled();
    expect(screen.getByLabelText("Organization")).toHaveValue("org_acme");
  });
});
