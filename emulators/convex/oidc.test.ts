import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api } from "./fixtures/basic/convex/_generated/api.js";
import { eventually, newClient, startBasic, type Started } from "./testing/harness.ts";
import { serveTestIssuer, type ServedTestIssuer } from "./testing/tokens.ts";

/** An OIDC provider (`{ domain, applicationID }`): discovery document and JWKS over HTTP. */
let idp: ServedTestIssuer;
let domain: string;
let started: Started;
const sign = (claims: Record<string, unknown>) => idp.sign({ sub: "oidc-user", ...claims });

beforeAll(async () => {
  idp = await serveTestIssuer({ oidcAudience: "oidc-app" });
  domain = idp.url;
  started = await startBasic({ env: { TEST_OIDC_DOMAIN: domain } });
});
afterAll(async () => {
  await started.server.close();
  await idp.close();
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
    const afterFirst = idp.jwksRequests();
    expect(await whoami()).toBe("oidc-user");
    expect(idp.jwksRequests()).toBe(afterFirst);
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
