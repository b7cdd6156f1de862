/** OpenAPI contract of the token endpoint. */
import { createRoute } from '@hono/zod-openapi';
import { problemResponses } from '../../lib/openapi.ts';
import { jsonBody } from '../../middleware/json-body.ts';
import { TokenRequestSchema, TokenSchema } from './auth.schemas.ts';

export const TOKEN_PATH = '/auth/token';

export const createTokenRoute = createRoute({
  middleware: [jsonBody({ form: true })],
  method: 'post',
  path: TOKEN_PATH,
  operationId: 'createToken',
  tags: ['auth'],
  summary: 'Log in: exchange username and password for a bearer token',
  description:
    'Accepts the OAuth2 password form (application/x-www-form-urlencoded) or the same fields as JSON.',
  request: {
    // Not `required`: each media type is validated only when the request uses it.
    body: {
      content: {
        'application/x-www-form-urlencoded': { schema: TokenRequestSchema },
        'application/json': { schema: TokenRequestSchema },
      },
    },
  },
  responses: {
    200: {
      description: 'A bearer token',
      content: { 'application/json': { schema: TokenSchema } },
    },
    ...problemResponses(400, 401, 403, 413, 415, 422, 503),
  },
});
