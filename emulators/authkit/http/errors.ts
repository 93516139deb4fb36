/**
 * The one error type every route throws. How it is written depends on the route, not on the error:
 * the OAuth endpoints answer `{ error, error_description }`, the REST API (and the test API)
 * `{ message, code, errors? }` as WorkOS documents both, and the hosted pages an HTML page a
 * person reads. `code` is the WorkOS/OAuth error code; `description` says what was wrong and what to do.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
    /** More fields of the REST body, as WorkOS sends them: `errors` of a 422, `entity_id` of a 404. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(description);
  }
}

/** How a route writes its errors. */
export type ErrorShape = "oauth" | "rest" | "page";

export function errorBody(error: HttpError, shape: "oauth" | "rest"): Record<string, unknown> {
  if (shape === "oauth") return { error: error.code, error_description: error.description };
  return { message: error.description, code: error.code, ...error.extra };
}

export const badRequest = (description: string) => new HttpError(400, "invalid_request", description);
export const invalidGrant = (description: string) => new HttpError(400, "invalid_grant", description);
export const invalidClient = (description: string) => new HttpError(401, "invalid_client", description);
/** WorkOS's 404 for an id that names nothing, e.g. `notFound("Organization", "org_x")`. */
export const notFound = (entity: string, id: string) => new HttpError(404, "entity_not_found", `${entity} not found: '${id}'.`, { entity_id: id });
export const conflict = (description: string) => new HttpError(409, "conflict", description);
/** A body field WorkOS would refuse with 422 `invalid_request_parameters`, naming the field. */
export const invalidField = (field: string, description: string, code = "invalid") =>
  new HttpError(422, "invalid_request_parameters", description, { errors: [{ field, code }] });
