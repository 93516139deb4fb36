import path from "node:path";
import type { AuthKitOptions, AuthKitServer } from "../../authkit/server.ts";
import { startTestAuthKit } from "../../authkit/testing/start.ts";
import { startConvex, type LocalConvex } from "../../convex/server.ts";
import { REPO_ROOT } from "./inputs.ts";

export const APP_ORIGIN = "http://localhost:5173";
/** A client ID of WorkOS's shape, so the doctor treats the stack as "real WorkOS and Convex". */
export const TEST_CLIENT_ID = "client_01DOCTORTEST";

export interface TestStack {
  authkit: AuthKitServer;
  convex: LocalConvex;
  /** The `.env.local` that points the app at this stack. */
  env: Record<string, string>;
  /** Signs a demo user in through the hosted pages: the access token the app would hand Convex. */
  accessToken(email?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The local AuthKit and local Convex on free ports, in memory, registered for the app on
 * APP_ORIGIN — or deliberately not: `authkit` replaces any AuthKit option, `convexEnv` any of
 * the Convex deployment's variables (evaluated by auth.config.ts at start), `convexDir` the
 * functions. Nothing listens on APP_ORIGIN; the doctor only names it.
 */
export async function startTestStack(o: { authkit?: AuthKitOptions; convexEnv?: Record<string, string>; convexDir?: string } = {}): Promise<TestStack> {
  const clientId = o.authkit?.clientId ?? TEST_CLIENT_ID;
  const test = await startTestAuthKit({
    clientId,
    redirectUris: [`${APP_ORIGIN}/callback`],
    corsOrigins: [APP_ORIGIN],
    ...o.authkit,
  });
  const authkit = test.server;
  let convex: LocalConvex;
  try {
    convex = await startConvex({
      convexDir: o.convexDir ?? path.join(REPO_ROOT, "convex"),
      port: 0,
      sitePort: 0,
      dataDir: null,
      watch: false,
      log: false,
      env: { WORKOS_CLIENT_ID: clientId, WORKOS_API_URL: authkit.url, WORKOS_API_KEY: authkit.apiKey, ...o.convexEnv },
    });
  } catch (error) {
    await authkit.close();
    throw error;
  }
  const api = new URL(authkit.url);
  return {
    authkit,
    convex,
    env: {
      VITE_WORKOS_CLIENT_ID: clientId,
      VITE_WORKOS_REDIRECT_URI: `${APP_ORIGIN}/callback`,
      VITE_WORKOS_API_HOSTNAME: api.hostname,
      VITE_WORKOS_API_PORT: api.port,
      VITE_WORKOS_API_HTTPS: "false",
      VITE_CONVEX_URL: convex.url,
    },
    accessToken: async (email = "carol@example.com") => (await test.authenticate(email)).access_token,
    close: async () => {
      await Promise.allSettled([convex.close(), authkit.close()]);
    },
  };
}
