/**
 * An error the client caused, with the WorkOS/OAuth error code and a description saying what was
 * wrong and what to do. API routes send it as `{ error, error_description }`; pages render it.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export const badRequest = (description: string) => new HttpError(400, "invalid_request", description);
export const invalidGrant = (description: string) => new HttpError(400, "invalid_grant", description);
export const invalidClient = (description: string) => new HttpError(401, "invalid_client", description);
