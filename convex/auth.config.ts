import type { AuthConfig } from "convex/server";

// Convex trusts two issuers for one WorkOS client, as the WorkOS docs set it up: tokens shaped by
// the JWT template (which carry `aud` = client ID) and plain AuthKit access tokens (which carry no
// `aud`, so that provider must not set applicationID, or every such token is refused). The base
// URL is configurable so a WorkOS custom auth domain or the local AuthKit works without editing
// this file.
const clientId = process.env.WORKOS_CLIENT_ID;
if (!clientId) {
  throw new Error(
    "WORKOS_CLIENT_ID is not set in this Convex deployment, so Convex cannot validate WorkOS tokens. " +
      "Set it to your WorkOS client ID: `npx convex env set WORKOS_CLIENT_ID client_…` " +
      "(the local stack sets it for you).",
  );
}

const apiUrl = (process.env.WORKOS_API_URL || "https://api.workos.com").replace(/\/+$/, "");
const jwks = `${apiUrl}/sso/jwks/${clientId}`;

export default {
  providers: [
    {
      type: "customJwt",
      issuer: `${apiUrl}/`,
      algorithm: "RS256",
      jwks,
      applicationID: clientId,
    },
    {
      type: "customJwt",
      issuer: `${apiUrl}/user_management/${clientId}`,
      algorithm: "RS256",
      jwks,
    },
  ],
} satisfies AuthConfig;
