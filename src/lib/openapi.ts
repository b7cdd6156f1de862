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

export function problemResponses<S extends ProblemStatus>(...statuses: S[]) {
  const content = { 'application/problem+json': { schema: ProblemSchema } };
  const responses = {} as Record<S, { description: string; content: typeof content }>;
  for (const status of statuses) {
    responses[status] = { description: PROBLEM_TYPES[status].description, content };
  }
  return responses;
}

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
