import { describe, expect, it } from "vitest";
import { loadSigner } from "./tokens.ts";

describe("token signer", () => {
  it("serves only the public part of its key", async () => {
    const signer = await loadSigner(null);
    const [key] = signer.jwks.keys;
    expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(key).not.toHaveProperty("d");
  });
});
