import { NotFoundException, UnauthorizedException } from "@workos-inc/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAuthKit, type TestAuthKit } from "../testing/start.ts";
import { workosNode } from "../testing/workos-node.ts";

let t: TestAuthKit;
beforeAll(async () => {
  t = await startTestAuthKit();
});
afterAll(async () => {
  await t.server.close();
});

describe("@workos-inc/node against the Local AuthKit: the basics every area relies on", () => {
  it("reads an organization with the key", async () => {
    const org = await workosNode(t).organizations.getOrganization("org_acme");
    expect(org).toMatchObject({ object: "organization", id: "org_acme", name: "Acme Corp" });
  });

  it("maps a 404 and a wrong key to the SDK's exceptions", async () => {
    await expect(workosNode(t).organizations.getOrganization("org_nope")).rejects.toBeInstanceOf(NotFoundException);
    await expect(workosNode(t, `sk_test_${"x".repeat(24)}`).organizations.getOrganization("org_acme")).rejects.toBeInstanceOf(UnauthorizedException);
  });
});
