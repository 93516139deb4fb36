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

/** What the SDK's exceptions carry, as tests read them (the SDK does not export its RequestException type). */
export type SdkError = Error & { readonly status?: number; readonly code?: string; readonly requestID?: string; readonly rawData?: { code?: string } };

/**
 * The exception an SDK call rejects with, for asserting on its class, `status` and `code`; throws
 * (failing the test) if the call succeeded instead.
 */
export async function sdkError(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error("The SDK call succeeded, where the test expected it to be refused.");
}
