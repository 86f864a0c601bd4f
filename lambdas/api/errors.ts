/**
 * The API's error vocabulary: an `ApiError` carries an HTTP status and a stable code; everything
 * else thrown below the edge is mapped here, and unknown errors become a bare 500 (no stack, no
 * AWS text).
 */
import * as z from 'zod';

/** An error the API answers with as `{"error": {code, message}}`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options);
    this.headers = options?.headers ?? {};
  }
  readonly headers: Record<string, string>;
}

/** The error body schema (documented for every error response). */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** Formats zod issues as one readable line, naming where each problem is. */
export const describeIssues = (error: z.ZodError, where: string): string =>
  error.issues
    .slice(0, 5)
    .map((i) => `${where}${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`)
    .join('; ');

const THROTTLED = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'TooManyRequestsException']);

/** Maps anything thrown by a route to an ApiError. */
export const toApiError = (error: unknown): ApiError => {
  if (error instanceof ApiError) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = error instanceof Error ? error.message : '';
  switch (name) {
    case 'NotFoundError':
      return new ApiError(404, 'not_found', message || 'not found', { cause: error });
    case 'ValidationError':
      return new ApiError(400, 'validation_error', message || 'invalid request', { cause: error });
    case 'ConflictError':
      return new ApiError(409, 'conflict', message || 'conflict', { cause: error });
    case 'ZodError':
      return new ApiError(400, 'validation_error', describeIssues(error as z.ZodError, 'body'), { cause: error });
  }
  if (THROTTLED.has(name)) return new ApiError(429, 'too_many_requests', 'the archive is busy: retry shortly', { cause: error });
  return new ApiError(500, 'internal_error', 'internal error', { cause: error });
};
