/**
 * RFC 9457 problem details: the one error class (`ApiError`, a Hono `HTTPException`), the one table
 * of problem types, and the constructors every layer throws. Handlers throw; they return success only.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every status the API answers with a problem: its title, and what the OpenAPI document says. */
export const PROBLEM_TYPES = {
  400: { title: 'Bad Request', description: 'Malformed request (e.g. invalid JSON)' },
  401: { title: 'Unauthorized', description: 'Missing, invalid or expired bearer token' },
  403: { title: 'Forbidden', description: 'Authenticated, but not allowed to do this' },
  404: { title: 'Not Found', description: 'Not found' },
  405: { title: 'Method Not Allowed', description: 'The path exists, but not with this method' },
  409: { title: 'Conflict', description: 'Conflicts with existing data' },
  412: {
    title: 'Precondition Failed',
    description: 'If-Match names a revision that is no longer current; nothing was changed',
  },
  413: { title: 'Content Too Large', description: 'Request body larger than 1 MiB' },
  415: { title: 'Unsupported Media Type', description: 'Unsupported content type' },
  422: { title: 'Unprocessable Content', description: 'Validation failed' },
  429: {
    title: 'Too Many Requests',
    description: 'Too many attempts; retry after the Retry-After seconds',
  },
  500: { title: 'Internal Server Error', description: 'Unexpected error' },
  503: {
    title: 'Service Unavailable',
    description: 'Database unavailable; retry after the Retry-After seconds',
  },
} as const;

export type ProblemStatus = keyof typeof PROBLEM_TYPES;

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

interface ApiErrorOptions {
  errors?: FieldError[];
  headers?: Record<string, string>;
  cause?: unknown;
}

/** Thrown anywhere in a request; the app's error handler answers it as a problem document. */
export class ApiError extends HTTPException {
  override name = 'ApiError';
  declare readonly status: ProblemStatus & ContentfulStatusCode;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(status: ProblemStatus, detail: string, options: ApiErrorOptions = {}) {
    super(status, { message: detail, cause: options.cause });
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  toProblem(): Problem {
    // about:blank: the status code and title carry the meaning (RFC 9457, section 4.2.1).
    const problem: Problem = {
      type: 'about:blank',
      title: PROBLEM_TYPES[this.status].title,
      status: this.status,
      detail: this.message,
    };
    if (this.errors) problem.errors = this.errors;
    return problem;
  }

  override getResponse(): Response {
    return new Response(JSON.stringify(this.toProblem()), {
      status: this.status,
      headers: { ...this.headers, 'Content-Type': 'application/problem+json' },
    });
  }
}

/** 401 with the RFC 6750 challenge; `invalid_token` when a token was sent but cannot be used. */
export function unauthorized(detail: string, error?: 'invalid_token'): ApiError {
  const challenge = error ? `Bearer error="${error}"` : 'Bearer';
  return new ApiError(401, detail, { headers: { 'WWW-Authenticate': challenge } });
}

export function forbidden(detail: string): ApiError {
  return new ApiError(403, detail);
}

export function notFound(resource: 'User' | 'Item', id: number): ApiError {
  return new ApiError(404, `${resource} ${id} does not exist.`);
}

/** 404 for a path no route serves (the app's notFound, and the method check before it). */
export function noRoute(method: string, path: string): ApiError {
  return new ApiError(404, `No route for ${method} ${path}.`);
}
