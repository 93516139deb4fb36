import { sameSecret } from "../../shared/secrets.ts";
import type { Ctx } from "./context.ts";
import { HttpError } from "./errors.ts";

/**
 * The one check of the server API's key (`Authorization: Bearer sk_test_…`), for every REST area.
 * WorkOS answers a missing or wrong key with 401 before it looks at anything else.
 */
export function requireApiKey(c: Ctx): void {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
  if (!match || !sameSecret(match[1], c.var.app.apiKey)) {
    throw new HttpError(401, "unauthorized", "Unauthorized: send the API key as `Authorization: Bearer sk_test_…` (the Local AuthKit prints it when it starts, and keeps it in <dataDir>/api-key).");
  }
}
