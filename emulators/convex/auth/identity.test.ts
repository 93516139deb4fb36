import { describe, expect, test } from "vitest";
import { normalizeIssuer } from "./config.ts";
import { customJwtIdentity, oidcIdentity } from "./identity.ts";

const claims = {
  iss: "https://auth.example.com",
  sub: "u1",
  aud: "app",
  iat: 1,
  exp: 2,
  nbf: 1,
  jti: "j",
  fva: [1],
  email: "a@example.com",
  picture: "https://example.com/p.png",
  given_name: "Ada",
  updated_at: 0,
  address: { formatted: "1 Main St" },
  org: { id: "o1" },
};

describe("identity as the Convex backend builds it", () => {
  test("customJwt copies claims without renaming and flattens nested objects", () => {
    expect(customJwtIdentity(claims)).toEqual({
      tokenIdentifier: "https://auth.example.com|u1",
      subject: "u1",
      issuer: "https://auth.example.com",
      email: "a@example.com",
      picture: "https://example.com/p.png",
      given_name: "Ada",
      updated_at: 0,
      "address.formatted": "1 Main St",
      "org.id": "o1",
    });
  });

  test("OIDC maps the standard claims to their typed names and copies the rest", () => {
    expect(oidcIdentity(claims)).toEqual({
      tokenIdentifier: "https://auth.example.com|u1",
      subject: "u1",
      issuer: "https://auth.example.com",
      email: "a@example.com",
      pictureUrl: "https://example.com/p.png",
      givenName: "Ada",
      updatedAt: "1970-01-01T00:00:00.000Z",
      address: "1 Main St",
      org: { id: "o1" },
    });
  });

  test("issuers without a scheme get https:// and trailing slashes do not matter", () => {
    expect(normalizeIssuer("auth.example.com/")).toBe("https://auth.example.com");
    expect(normalizeIssuer("http://localhost:4100/")).toBe("http://localhost:4100");
  });
});
