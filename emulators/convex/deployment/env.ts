import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, readBody, sendJson } from "../http/io.ts";
import { EnvError, type EnvChange, type EnvStore } from "./env-store.ts";

/** `POST /api/update_environment_variables` (`npx convex env set/remove`): `{ changes: [{ name, value | null }] }`. */
export async function updateEnvironmentVariables(req: IncomingMessage, res: ServerResponse, env: EnvStore): Promise<void> {
  const changes = parseChanges((await readBody(req)).toString("utf8"));
  try {
    env.update(changes);
  } catch (error) {
    if (error instanceof EnvError) throw new HttpError(400, "InvalidEnvironmentVariables", error.message);
    throw error;
  }
  sendJson(res, 200, {});
}

function parseChanges(text: string): EnvChange[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "BadJsonBody", 'The body must be JSON like {"changes": [{"name": "KEY", "value": "text"}]}');
  }
  const changes = (body as { changes?: unknown } | null)?.changes;
  if (!Array.isArray(changes)) throw new HttpError(400, "BadJsonBody", 'The body must have "changes": [{"name": "KEY", "value": "text" or null}]');
  return changes.map((c: unknown, i) => {
    const { name, value } = (c ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name !== "string" || (value !== null && typeof value !== "string")) {
      throw new HttpError(400, "BadJsonBody", `changes[${i}] must be {"name": string, "value": string or null}`);
    }
    return { name, value };
  });
}
