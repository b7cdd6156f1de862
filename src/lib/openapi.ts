/** Shared OpenAPI pieces: the problem schema and the error responses routes spread in. */
import { z } from '@hono/zod-openapi';
import { requireUser } from './auth.ts';
import { requireBody } from './request-body.ts';

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

const DESCRIPTIONS = {
  400: 'Malformed request (e.g. invalid JSON)',
  401: 'Missing, invalid or expired bearer token',
  403: 'Authenticated, but not allowed to do this',
  404: 'Not found',
  409: 'Conflicts with existing data',
  413: 'Request body larger than 1 MiB',
  415: 'Unsupported content type',
  422: 'Validation failed',
  500: 'Unexpected error',
  503: 'Database unavailable; retry after the Retry-After seconds',
} as const;

type ProblemStatus = keyof typeof DESCRIPTIONS;

export function problemResponses<S extends ProblemStatus>(...statuses: S[]) {
  const content = { 'application/problem+json': { schema: ProblemSchema } };
  const responses = {} as Record<S, { description: string; content: typeof content }>;
  for (const status of statuses) responses[status] = { description: DESCRIPTIONS[status], content };
  return responses;
}

export const SECURITY_SCHEME = 'OAuth2PasswordBearer';

const security = [{ [SECURITY_SCHEME]: [] }];

/** Spread into a route: it requires a bearer token, and the document says so. */
export const authenticated = { middleware: [requireUser()], security };

/** Spread into a route that takes a JSON body: 415 for any other media type. */
export const jsonBody = { middleware: [requireBody()] };

/** Both: the token is checked first (401 before 415). */
export const authenticatedJsonBody = { middleware: [requireUser(), requireBody()], security };
