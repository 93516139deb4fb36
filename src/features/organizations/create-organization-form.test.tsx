import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ConvexError } from "convex/values";
import { describe, expect, test, vi } from "vitest";
import { api } from "../../../convex/_generated/api";
import { fakeAction, renderWithAuth, testUser } from "../../testing/render-with-auth";
import { CreateOrganizationForm } from "./create-organization-form";

const created = fakeAction(api.organizations.create, async () => ({ organizationId: "org_new" }));

describe("CreateOrganizationForm", () => {
  test("creates the organization in Convex, switches the session to it, then hands over", async () => {
    const onSwitched = vi.fn();
    const result = renderWithAuth(<CreateOrganizationForm onSwitched={onSwitched} />, { user: testUser(), actions: [created] });
    await userEvent.type(screen.getByLabelText("Organization name"), "  Initech ");
    await userEvent.click(screen.getByRole("button", { name: "Create organization" }));
    expect(result.action(api.organizations.create)).toHaveBeenCalledExactlyOnceWith({ name: "  Initech " });
    expect(result.auth.switchToOrganization).toHaveBeenCalledExactlyOnceWith({ organizationId: "org_new" });
    expect(onSwitched).toHaveBeenCalledOnce();
  });

  test("an empty name is caught before Convex; the field says so", async () => {
    const result = renderWithAuth(<CreateOrganizationForm />, { user: testUser(), actions: [created] });
    await userEvent.click(screen.getByRole("button", { name: "Create organization" }));
    expect(screen.getByRole("alert")).toHaveTextContent("An organization needs a name. Type one first.");
    expect(screen.getByLabelText("Organization name")).toHaveAttribute("aria-invalid", "true");
    expect(result.action(api.organizations.create)).not.toHaveBeenCalled();
  });

  test("a WorkOS refusal is Convex's sentence, and the form can be sent again", async () => {
    const message = "WorkOS could not create the organization \"Initech\": the service is unavailable. Try again in a minute.";
    const result = renderWithAuth(<CreateOrganizationForm />, {
      user: testUser(),
      actions: [fakeAction(api.organizations.create, async () => Promise.reject(new ConvexError({ code: "WORKOS_ERROR", message })))],
    });
    await userEvent.type(screen.getByLabelText("Organization name"), "Initech");
    await userEvent.click(screen.getByRole("button", { name: "Create organization" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.getByRole("button", { name: "Create organization" })).toBeEnabled();
    expect(result.auth.switchToOrganization).not.toHaveBeenCalled();
  });

  test("created but the switch failed: says it exists and where to find it", async () => {
    renderWithAuth(<CreateOrganizationForm />, {
      user: testUser(),
      actions: [created],
      authKit: { switchToOrganization: vi.fn().mockRejectedValue(new TypeError("Failed to fetch")) },
    });
    await userEvent.type(screen.getByLabelText("Organization name"), "Initech");
    await userEvent.click(screen.getByRole("button", { name: "Create organization" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/^Initech was created, but switching to it failed: .*Choose it in the organization menu\.$/);
  });
});
