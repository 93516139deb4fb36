import { GeneratePortalLinkIntent, NotFoundException, UnauthorizedException, UnprocessableEntityException } from "@workos-inc/node";
import { describe, expect, it } from "vitest";
import { workosNode, sdkError } from "../../testing/workos-node.ts";
import { useTestAuthKit } from "../../testing/use-test-authkit.ts";

const t = useTestAuthKit();

describe("@workos-inc/node portal.generateLink against the Local AuthKit", () => {
  it("returns a link to this server's portal for each emulated intent", async () => {
    for (const intent of [GeneratePortalLinkIntent.SSO, GeneratePortalLinkIntent.DSync, GeneratePortalLinkIntent.DomainVerification]) {
      const { link } = await t.workos.portal.generateLink({
        organization: "org_globex",
        intent,
        returnUrl: "http://localhost:5173/settings",
        successUrl: "http://localhost:5173/settings?setup=done",
      });
      expect(link).toMatch(new RegExp(`^${t.url}/portal/[A-Za-z0-9_-]{40,}$`));
    }
  });

  it("makes a different single-use link each time", async () => {
    const workos = t.workos;
    const a = await workos.portal.generateLink({ organization: "org_acme", intent: GeneratePortalLinkIntent.DSync });
    const b = await workos.portal.generateLink({ organization: "org_acme", intent: GeneratePortalLinkIntent.DSync });
    expect(a.link).not.toBe(b.link);
  });

  it("answers an unknown organization with NotFoundException", async () => {
    const error = await sdkError(t.workos.portal.generateLink({ organization: "org_nope", intent: GeneratePortalLinkIntent.SSO }));
    expect(error).toBeInstanceOf(NotFoundException);
  });

  it("refuses intents this server does not emulate, and bad URLs, with UnprocessableEntityException naming the field", async () => {
    const workos = t.workos;
    const notEmulated = (await sdkError(workos.portal.generateLink({ organization: "org_acme", intent: GeneratePortalLinkIntent.AuditLogs }))) as UnprocessableEntityException;
    expect(notEmulated).toBeInstanceOf(UnprocessableEntityException);
    expect(notEmulated.code).toBe("invalid_request_parameters");
    // The SDK keeps only the codes of `errors[]` in its message.
    expect(notEmulated.message).toContain("not_emulated");
    const badUrl = await sdkError(workos.portal.generateLink({ organization: "org_acme", intent: GeneratePortalLinkIntent.SSO, successUrl: "javascript:alert(1)" }));
    expect(badUrl).toBeInstanceOf(UnprocessableEntityException);
    expect((badUrl as UnprocessableEntityException).message).toContain("invalid_url");
  });

  it("refuses a wrong API key", async () => {
    await expect(
      workosNode(t, `sk_test_${"x".repeat(24)}`).portal.generateLink({ organization: "org_acme", intent: GeneratePortalLinkIntent.SSO }),
    ).rejects.toBeInstanceOf(UnauthorizedException);
  });
});
