import { screen, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { meAnswer } from "../testing/fixtures";
import { fakeQuery, renderWithAuth, testUser } from "../testing/render-with-auth";
import { SiteNav } from "./site-nav";

const session = { user: testUser(), organizationId: "org_acme", route: "/app/organization" };

describe("SiteNav", () => {
  test("a holder of members:manage also gets Organization settings, marked when it is the page", () => {
    renderWithAuth(<SiteNav />, { ...session, role: "admin", queries: [fakeQuery(api.users.me, () => meAnswer())] });
    const nav = screen.getByRole("navigation", { name: "Organization pages" });
    expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual(["Home", "Members", "Organization settings"]);
    expect(within(nav).getByRole("link", { name: "Organization settings" })).toHaveAttribute("aria-current", "page");
  });

  test("a member without it does not (Convex's permissions, so a role change shows at once)", () => {
    const member = fakeQuery(api.users.me, () => meAnswer({ role: "member", permissions: ["notes:read", "notes:write"] }));
    renderWithAuth(<SiteNav />, { ...session, role: "member", queries: [member] });
    const nav = screen.getByRole("navigation", { name: "Organization pages" });
    expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual(["Home", "Members"]);
  });
});
