/** Turns anything thrown during a request into a problem response; internals go to the log only. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { databaseUnavailable, findPgError, isDatabaseUnavailable } from '../db/errors.ts';
import { describeError, logEvent } from './log.ts';
import { ApiError, problemResponse } from './problem.ts';

/** Constraint names from src/db/schema.ts, mapped to what the client did wrong. */
const CONFLICTS: Record<string, string> = {
  users_username_key: 'That username is already taken.',
  users_email_lower_key: 'That email is already registered.',
};

export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException && error.status === 415) {
    // Raised by @hono/zod-openapi's per-route media-type check, with a bare message.
    const detail = 'The request body must be application/json (login also takes a form).';
    return new ApiError(415, detail, { headers: { Accept: 'application/json' } });
  }
  if (error instanceof HTTPException && error.status < 500) {
    return new ApiError(error.status, error.message || 'The request could not be processed.');
  }
  const pgError = findPgError(error);
  if (pgError?.code === '23505') {
    const detail = CONFLICTS[pgError.constraint ?? ''] ?? 'The resource already exists.';
    return new ApiError(409, detail, { cause: error });
  }
  if (pgError?.code === '23503') {
    return new ApiError(404, 'The referenced resource does not exist.', { cause: error });
  }
  if (isDatabaseUnavailable(error)) return databaseUnavailable(error);
  return undefined;
}

export function handleError(error: Error, c: Context): Response {
  const apiError = toApiError(error);
  if (apiError && apiError.status < 500) return problemResponse(c, apiError);
  const level = apiError?.status === 503 ? 'warn' : 'error';
  logEvent(c, level, 'request failed', {
    status: apiError?.status ?? 500,
    ...describeError(error),
  });
  return problemResponse(
    c,
    apiError ??
      new ApiError(500, 'An unexpected error occurred. Quote the request id if you report it.'),
  );
}
