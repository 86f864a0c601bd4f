/**
 * Named errors of the webhook domain. The API maps them to HTTP statuses at its edge
 * (NotFoundError → 404, ValidationError → 400, ConflictError → 409); nothing here knows HTTP.
 */

/** A subscription or delivery that does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Input that breaks the rules (bad URL, unknown topic, forbidden target, bad time). */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    options?: { cause?: unknown },
    /** Per-field problems, when the input was a body. */
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message, options);
  }
}

/** A write that lost a race or contradicts the current state (e.g. id already taken). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
