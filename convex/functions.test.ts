import { describe, expect, test } from "vitest";
import type { UserIdentity } from "convex/server";
import { requireOrganization, requirePermission, requireRole, type Viewer } from "./functions";

function viewer(claims: Partial<Viewer>): Viewer {
  const identity = { subject: "user_x", issuer: "iss", tokenIdentifier: "iss|user_x" } as UserIdentity;
  const { orgId = null, role = null, permissions = [] } = claims;
  const access: Viewer["access"] =
    orgId === null
      ? { kind: "no_organization" }
      : { kind: "member", organizationId: orgId, organizationName: null, source: "token", membershipId: null, role: role ?? "member", permissions };
  return { identity, tokenIdentifier: identity.tokenIdentifier, subject: identity.subject, orgId, role, permissions, access, ...claims };
}

/** The `data` of the ConvexError `check` throws. */
function refusal(check: () => unknown): unknown {
  try {
    check();
  } catch (error) {
    return (error as { data?: unknown }).data;
  }
  throw new Error("expected a refusal");
}

describe("authorization helpers", () => {
  test("requireOrganization refuses a session without an organization", () => {
    expect(refusal(() => requireOrganization(viewer({})))).toEqual({
      code: "FORBIDDEN",
      message: expect.stringContaining("needs an organization"),
    });
    expect(requireOrganization(viewer({ orgId: "org_acme" }))).toBe("org_acme");
  });

  test("requireOrganization refuses a membership the mirror says is gone, with its own code", () => {
    const removed = viewer({
      orgId: "org_acme",
      access: { kind: "not_member", organizationId: "org_acme", organizationName: "Acme Corp", reason: "removed" },
    });
    expect(refusal(() => requireOrganization(removed))).toEqual({
      code: "NOT_A_MEMBER",
      message: expect.stringContaining("no longer a member of Acme Corp"),
    });
  });

  test("requireRole needs the exact role in an organization", () => {
    expect(refusal(() => requireRole(viewer({ orgId: "org_acme", role: "member" }), "admin"))).toEqual({
      code: "FORBIDDEN",
      message: 'This needs the "admin" role in your organization.',
    });
    expect(refusal(() => requireRole(viewer({ role: "admin" }), "admin"))).toMatchObject({
      message: expect.stringContaining("needs an organization"),
    });
    expect(() => requireRole(viewer({ orgId: "org_acme", role: "admin" }), "admin")).not.toThrow();
  });

  test("requirePermission reads the permissions claim", () => {
    const member = viewer({ orgId: "org_acme", role: "member", permissions: ["notes:read"] });
    expect(refusal(() => requirePermission(member, "members:manage"))).toEqual({
      code: "FORBIDDEN",
      message: expect.stringContaining('"members:manage" permission'),
    });
    expect(() => requirePermission(member, "notes:read")).not.toThrow();
  });
});
