/**
 * Turns anything thrown during a request into a problem response: the one place where Hono's own
 * exceptions and classified database failures become HTTP. Internals go to the log only.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { classifyDatabaseError } from '../db/errors.ts';
import { describeError, logEvent } from './log.ts';
import { ApiError, PROBLEM_TYPES, type ProblemStatus } from './problem.ts';

/** Unique constraints from src/db/schema.ts, mapped to what the client did wrong. */
const CONFLICTS: Record<string, string> = {
  users_username_lower_key: 'That username is already taken (usernames ignore case).',
  users_email_lower_key: 'That email is already registered.',
  // Two requests with one Idempotency-Key raced and the other recorded first: this one wrote nothing.
  idempotency_keys_scope_key_pk:
    'Another request with this Idempotency-Key finished first; retry to get its answer.',
};

export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException && error.status === 415) {
    // Raised by @hono/zod-openapi's per-route media-type check, with a bare message.
    const detail = 'The request body must be application/json (login also takes a form).';
    return new ApiError(415, detail, { headers: { Accept: 'application/json' } });
  }
  if (error instanceof HTTPException && error.status < 500 && error.status in PROBLEM_TYPES) {
    // Hono's own refusals, such as malformed JSON (400), keep their status and short message.
    const status = error.status as ProblemStatus;
    return new ApiError(status, error.message || 'The request could not be processed.');
  }
  const failure = classifyDatabaseError(error);
  switch (failure?.kind) {
    case 'conflict': {
      const detail = CONFLICTS[failure.constraint ?? ''] ?? 'The resource already exists.';
      return new ApiError(409, detail, { cause: error });
    }
    case 'missing-reference':
      return new ApiError(404, 'The referenced resource does not exist.', { cause: error });
    case 'unavailable':
      return new ApiError(503, 'The database is unavailable; try again shortly.', {
        headers: { 'Retry-After': '5' },
        cause: error,
      });
    default:
      return undefined;
  }
}

/** The problem document, with the headers middleware already set (request id, CORS, …). */
export function problemResponse(c: Context, error: ApiError): Response {
  return c.body(JSON.stringify(error.toProblem()), error.status, {
    ...error.headers,
    'Content-Type': 'application/problem+json',
  });
}

export function handleError(error: Error, c: Context): Response {
  const apiError = toApiError(error);
  if (apiError && apiError.status < 500) return problemResponse(c, apiError);
  logEvent(c, apiError?.status === 503 ? 'warn' : 'error', 'request failed', {
    status: apiError?.status ?? 500,
    ...describeError(error),
  });
  const fallback = 'An unexpected error occurred. Quote the request id if you report it.';
  return problemResponse(c, apiError ?? new ApiError(500, fallback));
}
