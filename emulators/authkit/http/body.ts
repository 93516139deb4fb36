import type { IncomingMessage } from "node:http";
import { HttpError, badRequest } from "./errors.ts";

/** Larger bodies are refused with 413: nothing this server accepts comes close. */
export const MAX_BODY_BYTES = 64 * 1024;

export type Fields = Record<string, unknown>;

function readRaw(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    const tooLarge = () =>
      new HttpError(413, "request_entity_too_large", `The request body is larger than ${limit} bytes.`);
    if (declared > limit) {
      // Drain without buffering so the client can read the 413.
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (error) => {
      if (!failed) reject(badRequest(`The request body could not be read: ${error.message}`));
    });
  });
}

/** The body as fields, from JSON or form encoding (WorkOS accepts both). */
export async function readFields(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Fields> {
  const raw = await readRaw(req, limit);
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
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
