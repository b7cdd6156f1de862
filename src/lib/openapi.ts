/** Shared OpenAPI pieces: the problem schema, the error responses routes spread in, route guards. */
import { z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { type AuthenticatedEnv, authenticate } from '../middleware/authenticate.ts';
import { jsonBody as requireJsonBody } from '../middleware/json-body.ts';
import { PROBLEM_TYPES, type ProblemStatus } from './problem.ts';

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'about:blank' }),
    title: z.string().openapi({ example: 'Not Found' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().openapi({ example: 'User 42 does not exist.' }),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'Present on 422: one entry per invalid field' }),
  })
  .openapi('Problem');

const text = { type: 'string' as const };
const integer = { type: 'integer' as const };

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: integer },
};

/** The headers problem responses carry, as the document declares them. */
const PROBLEM_HEADERS: Partial<Record<ProblemStatus, Record<string, Header>>> = {
  401: {
    'WWW-Authenticate': {
      description:
        'The RFC 6750 challenge: `Bearer`, with `error="invalid_token"` for a token that was sent but cannot be used.',
      schema: text,
    },
  },
  409: {
    'Retry-After': {
      description:
        'Seconds to wait, when the conflict is a request with the same Idempotency-Key still running.',
      schema: integer,
    },
  },
  429: retryAfter,
  503: retryAfter,
};

type Header = { description: string; schema: typeof text | typeof integer };

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** One problem response, with its own description where the generic one would mislead. */
export function problemResponse(status: ProblemStatus, description?: string) {
  const headers = PROBLEM_HEADERS[status];
  return {
    description: description ?? PROBLEM_TYPES[status].description,
    ...(headers ? { headers } : {}),
    content: problemContent,
  };
}

export function problemResponses<S extends ProblemStatus>(...statuses: S[]) {
  const responses = {} as Record<S, ReturnType<typeof problemResponse>>;
  for (const status of statuses) responses[status] = problemResponse(status);
  return responses;
}

/** Spread into a route anyone may call: the document says so (`security: []`). */
export const publicRoute = { security: [] as Record<string, string[]>[] };

/** The Location header of a 201, as the document declares it. */
export const LOCATION_HEADER = {
  Location: { description: 'The URL of the created resource.', schema: text },
};

export const SECURITY_SCHEME = 'OAuth2PasswordBearer';

const security = [{ [SECURITY_SCHEME]: [] }];

/**
 * Spread into a route: it requires a bearer token, the document says so, and the handler gets
 * `c.var.caller` (tuples, not arrays, so the middleware's variables reach the handler's type).
 */
export const authenticated = {
  middleware: [authenticate()] as [MiddlewareHandler<AuthenticatedEnv>],
  security,
};

/** Spread into a route that takes a JSON body: 415 for any other media type. */
export const jsonBody = { middleware: [requireJsonBody()] as [MiddlewareHandler] };

/** Both: the token is checked first (401 before 415). */
export const authenticatedJsonBody = {
  middleware: [authenticate(), requireJsonBody()] as [
    MiddlewareHandler<AuthenticatedEnv>,
    MiddlewareHandler<AuthenticatedEnv>,
  ],
  security,
};

/** Conditional requests (src/lib/etag.ts): what the document says about them, once. */
export const ETAG_HEADER = {
  ETag: {
    description:
      'Changes whenever the representation does; send it back in If-None-Match or If-Match.',
    schema: { type: 'string' as const },
  },
};

export const IfNoneMatchSchema = z.object({
  'if-none-match': z.string().optional().openapi({
    description: 'An ETag from an earlier response: 304 with no body if it is still current.',
  }),
});

export const IfMatchSchema = z.object({
  'if-match': z.string().optional().openapi({
    description: 'An ETag (or *): the write happens only if it is still current, else 412.',
  }),
});

export const notModifiedResponse = {
  304: { description: 'Not modified: the ETag sent is still current', headers: ETAG_HEADER },
};
