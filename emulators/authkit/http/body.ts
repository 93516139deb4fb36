import { HttpError, badRequest } from "./errors.ts";
import type { Ctx } from "./context.ts";

/** Larger bodies are refused with 413 (see server.ts): nothing this server accepts comes close. */
export const MAX_BODY_BYTES = 64 * 1024;

export type Fields = Record<string, unknown>;

export const tooLarge = () => new HttpError(413, "request_entity_too_large", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);

/** The body as fields, from JSON or form encoding (WorkOS accepts both). */
export async function readFields(c: Ctx): Promise<Fields> {
  let raw: string;
  try {
    raw = await c.req.text();
  } catch (error) {
    throw badRequest(`The request body could not be read: ${(error as Error).message}`);
  }
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const looksJson = raw.trimStart().startsWith("{");
  if (type === "application/json" || (type === "" && looksJson)) {
    if (raw.trim() === "") throw badRequest("The request body is empty: send a JSON object.");
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw badRequest("The request body must be a JSON object.");
    }
    return parsed as Fields;
  }
  if (type === "application/x-www-form-urlencoded" || type === "") {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  throw new HttpError(415, "invalid_request", `Content-Type ${type} is not supported: send application/json or application/x-www-form-urlencoded.`);
}

/** A string field, or undefined when absent or empty; any other type is a 400. */
export function optionalString(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw badRequest(`\`${name}\` must be a string.`);
  return value;
}

export function requiredString(fields: Fields, name: string): string {
  const value = optionalString(fields, name);
  if (value === undefined) throw badRequest(`\`${name}\` is required.`);
  return value;
}
