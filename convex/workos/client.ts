import { WorkOS } from "@workos-inc/node";
import { appError } from "../functions";
import { MISSING_API_KEY, workosApiKey, workosApiUrl } from "../config";

/**
 * The one WorkOS client of this deployment, for actions (the API key never leaves the server).
 * `@workos-inc/node`'s `convex` export condition gives the fetch + SubtleCrypto build, so it runs
 * in Convex's default runtime. Host, port and scheme come from WORKOS_API_URL, so the same code
 * talks to api.workos.com, a custom domain or the local AuthKit. A new client per call: it reads
 * the current environment, and `fetch` is taken when the client is built.
 */
export function workos(): WorkOS {
  const apiKey = workosApiKey();
  if (apiKey === null) {
    console.error(MISSING_API_KEY);
    throw appError("WORKOS_NOT_CONFIGURED", "This app is not connected to WorkOS yet, so this can't be done. The administrator has been told why in the Convex logs.");
  }
  const url = workosApiUrl();
  const https = url.protocol === "https:";
  return new WorkOS(apiKey, {
    apiHostname: url.hostname,
    https,
    ...(url.port !== "" && { port: Number(url.port) }),
  });
}
