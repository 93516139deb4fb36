import { rmSync } from "node:fs";
import path from "node:path";
import { parseCli } from "../shared/cli-args.ts";
import { DEFAULTS } from "./config.ts";
import { DEMO_PASSWORD, DEMO_USERS, membershipsOf } from "./demo-world.ts";
import { startAuthKit } from "./server.ts";

const HELP = `Local AuthKit: a WorkOS-compatible sign-in server for offline development and tests.

Usage: npm run authkit -- [options]

  --port <n>              port (default ${DEFAULTS.port}; 0 = any free port)
  --client-id <id>        client ID (default ${DEFAULTS.clientId})
  --redirect-uri <url>    allowed redirect URI, exact match; repeat for more (default ${DEFAULTS.redirectUri})
  --cors-origin <origin>  origin allowed to call the API from a browser; repeat (default: redirect URI origins)
  --logout-redirect <url> allowed sign-out return URL; repeat (default: "<origin>/" of each redirect URI)
  --sign-in-endpoint <url> the app route that starts a sign-in (default "<origin>/sign-in")
  --invitation-url <url>  the app route invitations link to, ?invitation_token=… added (default "<origin>/invite")
  --seed <file>           a JSON seed file (default: the demo world, emulators/authkit/demo-world.ts)
  --data-dir <dir>        where users, sessions and the signing key live (default ${DEFAULTS.dataDir})
  --in-memory             keep nothing on disk
  --reset                 forget saved users and sessions, start from the seed (keeps the signing key)
  --token-ttl <seconds>   access token lifetime (default ${DEFAULTS.accessTokenTtlSeconds})
  --public-url <url>      base URL used in the issuer and JWKS (default http://localhost:<port>)
  --api-key <sk_test_…>   key for the Organizations API (default: kept in <data-dir>/api-key; new each start with --in-memory)
  --webhook <url>=<secret> send every event to this webhook endpoint, signed with the secret; repeat for more
                          (https://…, or http://localhost… / http://127.0.0.1…; the URL may not contain "=")
  -h, --help              this help
`;

const { values, wholeNumber } = parseCli("authkit", HELP, {
  port: { type: "string" },
  "client-id": { type: "string" },
  "redirect-uri": { type: "string", multiple: true },
  "cors-origin": { type: "string", multiple: true },
  "logout-redirect": { type: "string", multiple: true },
  "sign-in-endpoint": { type: "string" },
  "invitation-url": { type: "string" },
  seed: { type: "string" },
  "data-dir": { type: "string" },
  "in-memory": { type: "boolean" },
  reset: { type: "boolean" },
  "token-ttl": { type: "string" },
  "public-url": { type: "string" },
  "api-key": { type: "string" },
  webhook: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
});

const dataDir = values["in-memory"] ? null : (values["data-dir"] ?? DEFAULTS.dataDir);
if (values.reset && dataDir !== null) rmSync(path.join(dataDir, "data.json"), { force: true });

/** `--webhook <url>=<secret>`: split at the first "=", as secrets may end in "=" padding. */
function webhookFlag(value: string): { url: string; secret: string } {
  const at = value.indexOf("=");
  if (at < 1 || at === value.length - 1) {
    console.error(`[authkit] --webhook must be <url>=<secret>, e.g. --webhook http://127.0.0.1:3211/workos/webhook=$WORKOS_WEBHOOK_SECRET; got "${value}".`);
    process.exit(1);
  }
  return { url: value.slice(0, at), secret: value.slice(at + 1) };
}

try {
  const server = await startAuthKit({
    port: wholeNumber(values.port, "--port"),
    clientId: values["client-id"],
    redirectUris: values["redirect-uri"],
    corsOrigins: values["cors-origin"],
    logoutRedirects: values["logout-redirect"],
    signInEndpoint: values["sign-in-endpoint"],
    invitationUrl: values["invitation-url"],
    seedFile: values.seed,
    dataDir,
    accessTokenTtlSeconds: wholeNumber(values["token-ttl"], "--token-ttl"),
    publicUrl: values["public-url"],
    apiKey: values["api-key"],
    webhooks: values.webhook?.map(webhookFlag),
    log: (line) => console.log(`[authkit] ${line}`),
  });
  if (values.seed === undefined) {
    const accounts = DEMO_USERS.map((user) => {
      const orgs = membershipsOf(user).map((m) => `${m.organization.name} ${m.role.slug}`);
      return `${user.email} (${orgs.join(" + ") || "no organization"})`;
    });
    console.log(`[authkit] Demo accounts (password ${DEMO_PASSWORD}): ${accounts.join(", ")}.`);
  }
  console.log(`[authkit] Health: ${server.url}/health · JWKS: ${server.url}/sso/jwks/${server.clientId}`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(`[authkit] Could not start: ${(error as Error).message}`);
  process.exit(1);
}
