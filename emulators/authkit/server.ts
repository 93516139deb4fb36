import { getRequestListener } from "@hono/node-server";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolveApiKey } from "./api-key.ts";
import type { App } from "./app.ts";
import { directoriesArea } from "./areas/directories/index.ts";
import { hostedArea } from "./areas/hosted/index.ts";
import { idpArea } from "./areas/idp/index.ts";
import { invitationsArea } from "./areas/invitations/index.ts";
import { jwksArea } from "./areas/jwks/index.ts";
import { membershipsArea } from "./areas/memberships/index.ts";
import { organizationsArea } from "./areas/organizations/index.ts";
import { rolesArea } from "./areas/roles/index.ts";
import { portalArea } from "./areas/portal/index.ts";
import { ssoArea } from "./areas/sso/index.ts";
import { testApiArea } from "./areas/test-api/index.ts";
import { userManagementArea } from "./areas/user-management/index.ts";
import { eventsArea } from "./areas/events/index.ts";
import { webhookEndpointsArea } from "./areas/webhook-endpoints/index.ts";
import { usersArea } from "./areas/users/index.ts";
import { DEFAULTS, resolveConfig, type AuthKitOptions } from "./config.ts";
import { startEvents } from "./events/index.ts";
import { createPipeline } from "./http/pipeline.ts";
import type { Area } from "./http/routes.ts";
import { FailureLimiter } from "./limiter.ts";
import { Flows } from "./sign-in/flows.ts";
import { Store } from "./store.ts";
import { loadSigner } from "./tokens.ts";

export type { AuthKitOptions } from "./config.ts";

export interface AuthKitServer {
  /** e.g. http://localhost:41234 */
  url: string;
  clientId: string;
  /** The `sk_test_…` key for the server-side API (`GET /organizations/<id>`); never for a browser. */
  apiKey: string;
  close(): Promise<void>;
}

/** Every emulated area; each registers its own routes (see areas/). */
export const AREAS: Area[] = [userManagementArea, hostedArea, jwksArea, organizationsArea, usersArea, membershipsArea, rolesArea, invitationsArea, eventsArea, webhookEndpointsArea, ssoArea, idpArea, directoriesArea, portalArea, testApiArea];

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${port} is in use: stop whatever listens there (another Local AuthKit?) or pass another port (--port).`)
          : error,
      );
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Also answers on ::1 when the machine has it, so `localhost` works whichever loopback it resolves to. */
async function listenIpv6Too(handler: RequestListener, port: number): Promise<Server | undefined> {
  const server = createServer(handler);
  try {
    await listen(server, port, "::1");
    return server;
  } catch {
    return undefined;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** Starts the local AuthKit; resolves once it accepts requests. */
export async function startAuthKit(o: AuthKitOptions = {}): Promise<AuthKitServer> {
  // Resolved before anything is created, so a bad option fails fast with its own message.
  const provisional = resolveConfig(o, o.port ?? DEFAULTS.port);
  const apiKey = resolveApiKey(o.apiKey, provisional.dataDir);
  const [store, signer] = await Promise.all([
    Store.open(provisional.dataDir, provisional.seedFile),
    loadSigner(provisional.dataDir),
  ]);
  const app: App = { config: provisional, store, signer, flows: new Flows(), limiter: new FailureLimiter(), apiKey };
  // Before the first request, so every change is announced; it reads app.config as it changes below.
  const events = startEvents(app);
  const handler = getRequestListener(createPipeline(app, AREAS).fetch);
  const server = createServer(handler);
  let port: number;
  try {
    port = await listen(server, o.port ?? DEFAULTS.port, "127.0.0.1");
  } catch (error) {
    await events.close();
    throw error;
  }
  // With port 0 the real port is known only now, and the issuer derives from it.
  app.config = resolveConfig(o, port);
  const ipv6 = await listenIpv6Too(handler, port);
  const { config } = app;
  config.log(
    `Local AuthKit on http://localhost:${port} (client ${config.clientId}, issuer ${config.issuer}); data ${store.dataFile ?? "in memory only"}`,
  );
  // The one place the key is printed: a developer needs it to call the API by hand.
  config.log(`API key (server-side only, e.g. Convex's WORKOS_API_KEY): ${apiKey}`);
  events.resume();
  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}`,
    clientId: config.clientId,
    apiKey,
    close() {
      closing ??= Promise.all([closeServer(server), ipv6 ? closeServer(ipv6) : undefined]).then(() => events.close());
      return closing;
    },
  };
}
