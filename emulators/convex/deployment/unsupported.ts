import { HttpError } from "../http/io.ts";

/**
 * Routes the Convex CLI (1.48.0) calls that the local Convex does not implement, with the
 * command behind each. They answer 400 at once: the CLI retries a 404 on POST for half a
 * minute and an idempotent method on most errors, but stops on a 400 and prints its message.
 */
const UNSUPPORTED: { pattern: RegExp; feature: string; instead: string }[] = [
  { pattern: /^\/api\/shapes2$/, feature: "table shapes (the dashboard's schema view)", instead: "read the schema in convex/schema.ts" },
];

/** Throws the CLI-shaped error for a known CLI route this server does not serve; returns for any other path. */
export function refuseUnsupported(pathname: string): void {
  const match = UNSUPPORTED.find((u) => u.pattern.test(pathname));
  if (match) throw notSupported(match.feature, match.instead);
}

export function notSupported(feature: string, instead: string): HttpError {
  return new HttpError(400, "NotSupportedByLocalConvex", `${feature} is not supported by the local Convex; ${instead}.`);
}
