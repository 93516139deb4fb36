import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSigner, SIGNING_KEY_FILE } from "./tokens.ts";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "authkit-tokens-"));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe("token signer", () => {
  it("serves only the public part of its key", async () => {
    const signer = await loadSigner(null);
    const [key] = signer.jwks.keys;
    expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(key).not.toHaveProperty("d");
  });

  it("keeps its key in the data folder, readable by its owner only, and the same on the next start", async () => {
    const first = await loadSigner(dataDir);
    const second = await loadSigner(dataDir);
    expect(second.jwks).toEqual(first.jwks);
    expect(statSync(path.join(dataDir, SIGNING_KEY_FILE)).mode & 0o077).toBe(0);
  });

  it("refuses a damaged key file, naming it and what to do", async () => {
    const file = path.join(dataDir, SIGNING_KEY_FILE);
    writeFileSync(file, "{ half");
    await expect(loadSigner(dataDir)).rejects.toThrow(`${file} is not valid JSON`);
    writeFileSync(file, JSON.stringify({ kty: "EC", kid: "k" }));
    await expect(loadSigner(dataDir)).rejects.toThrow(/is not an RSA private key with a kid: delete it/);
  });
});
