import { NotFoundException, UnauthorizedException } from "@workos-inc/node";
import { describe, expect, it } from "vitest";
import { workosNode } from "../testing/workos-node.ts";
import { useTestAuthKit } from "../testing/use-test-authkit.ts";

const t = useTestAuthKit();

describe("@workos-inc/node against the Local AuthKit: the basics every area relies on", () => {
  it("reads an organization with the key", async () => {
    const org = await t.workos.organizations.getOrganization("org_acme");
    expect(org).toMatchObject({ object: "organization", id: "org_acme", name: "Acme Corp" });
  });

  it("maps a 404 and a wrong key to the SDK's exceptions", async () => {
    await expect(t.workos.organizations.getOrganization("org_nope")).rejects.toBeInstanceOf(NotFoundException);
    await expect(workosNode(t, `sk_test_${"x".repeat(24)}`).organizations.getOrganization("org_acme")).rejects.toBeInstanceOf(UnauthorizedException);
  });
});
