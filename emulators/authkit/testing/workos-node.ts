import { WorkOS } from "@workos-inc/node";
import type { TestAuthKit } from "./start.ts";

/**
 * The official server SDK pointed at a test Local AuthKit, as an app's server (a Convex action)
 * builds it for the local stack. Its retries are left on: they are part of what is being tested.
 */
export function workosNode(t: TestAuthKit, apiKey = t.server.apiKey): WorkOS {
  const { hostname, port } = new URL(t.url);
  return new WorkOS(apiKey, { apiHostname: hostname, port: Number(port), https: false, clientId: t.server.clientId });
}
