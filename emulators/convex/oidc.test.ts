import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api } from "./fixtures/basic/convex/_generated/api.js";
import { eventually, newClient, startBasic, type Started } from "./testing/harness.ts";

/** An OIDC provider (`{ domain, applicationID }`): discovery document and JWKS over HTTP. */
let idp: Server;
let domain: string;
let started: Started;
let sign: (claims: Record<string, unknown>) => Promise<string>;
let jwksRequests = 0;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "oidc-key", alg: "RS256", use: "sig" };
  idp = createServer((req, res) => {
    if (req.url === "/.well-known/openid-configuration") {
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ issuer: domain, jwks_uri: `${domain}/jwks` }));
    } else if (req.url === "/jwks") {
      jwksRequests += 1;
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
  domain = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  sign = (claims) =>
    new SignJWT({ sub: "oidc-user", aud: "oidc-app", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "oidc-key" })
      .setIssuer(domain)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
  started = await startBasic({ env: { TEST_OIDC_DOMAIN: domain } });
});
afterAll(async () => {
  await started.server.close();
  await new Promise((resolve) => idp.close(resolve));
});

describe("OIDC providers", () => {
  test("tokens verify through discovery and standard claims get their typed names", async () => {
    const client = newClient(started.server.url);
    try {
      const states: boolean[] = [];
      client.setAuth(async () => await sign({ given_name: "Grace", email: "g@example.com", picture: "https://example.com/g.png", tier: "gold" }), (ok) =>
        states.push(ok),
      );
      await eventually(() => states.length, (n) => n > 0);
      expect(states[0]).toBe(true);
      expect(await client.query(api.users.whoami, {})).toEqual({
        tokenIdentifier: `${domain}|oidc-user`,
        subject: "oidc-user",
        issuer: domain,
        givenName: "Grace",
        email: "g@example.com",
        pictureUrl: "https://example.com/g.png",
        tier: "gold",
      });
    } finally {
      await client.close();
    }
  });

  test("the key set is fetched once and cached across tokens", async () => {
    const whoami = async () => {
      const res = await fetch(`${started.server.url}/api/query`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${await sign({ n: Math.random() })}` },
        body: JSON.stringify({ path: "users:whoami", args: {} }),
      });
      return ((await res.json()) as { value: { subject: string } }).value.subject;
    };
    expect(await whoami()).toBe("oidc-user");
    const afterFirst = jwksRequests;
    expect(await whoami()).toBe("oidc-user");
    expect(jwksRequests).toBe(afterFirst);
    expect(afterFirst).toBeLessThanOrEqual(1);
  });

  test("a token for another application is refused", async () => {
    const res = await fetch(`${started.server.url}/api/query`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${await sign({ aud: "other-app" })}` },
      body: JSON.stringify({ path: "users:whoami", args: {} }),
    });
    expect(res.status).toBe(401);
  });
});
